import * as v from 'valibot';
import { SUPPRESSION_SETTING_ID } from './dashboard/suppression';
import { fieldProblems, type Parsed } from './indicators';

export { SUPPRESSION_SETTING_ID } from './dashboard/suppression';

/**
 * The working group's settings: one record each, kept by the coordinator and synced to every
 * device like any record, so that the whole group works to the same rule (a threshold chosen on
 * one tablet would otherwise leave every other device showing small counts its own way).
 */
export const SETTING_IDS = [SUPPRESSION_SETTING_ID] as const;

export const SettingSchema = v.object({
	id: v.picklist(SETTING_IDS, `id must be one of ${SETTING_IDS.join(', ')}`),
	/** The small-count threshold: counts of 1 to value − 1 people show as "<value". */
	value: v.pipe(
		v.number('value must be a whole number from 1 to 100'),
		v.integer('value must be a whole number from 1 to 100'),
		v.minValue(1, 'value must be a whole number from 1 to 100'),
		v.maxValue(100, 'value must be a whole number from 1 to 100')
	)
});

export type Setting = v.InferOutput<typeof SettingSchema>;

export function parseSetting(input: unknown): Parsed<Setting> {
	const result = v.safeParse(SettingSchema, input);
	return result.success
		? { ok: true, value: result.output }
		: { ok: false, problems: fieldProblems(result.issues) };
}
