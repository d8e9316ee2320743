import type { ShownProblem } from '$lib/catalogue/messages';
import type { FieldProblem } from '$lib/domain/indicators';
import { t } from '$lib/i18n';

/**
 * A schema problem of a roadmap form as the screen shows it: the field's label, and the message
 * in the reader's language when it is one of the usual ones (else the domain's English, marked).
 */

const KNOWN: [RegExp, string][] = [
	[/is empty/, 'required'],
	[/must be a date/, 'date'],
	[/at least one/, 'at_least_one_needed'],
	[/like 1\.2|start with its chapter/, 'number'],
	[/deadline must be/, 'deadline'],
	[/chapter must/, 'chapter'],
	[/is not a valid id/, 'choose']
];

export type FormKind = 'note' | 'measure' | 'meeting';

/** Fields a form shows as three inputs (f-measure-title-az, -en, -ru). */
const TRANSLATED_GROUPS: Partial<Record<FormKind, string[]>> = {
	measure: ['title', 'chapterTitle']
};

export function showRoadmapProblem(kind: FormKind, problem: FieldProblem): ShownProblem {
	// "title.az", "decisions.0.ownerId": the group and the last name say which input.
	const parts = problem.field.split('.');
	const head = parts[0] ?? '';
	// A name in three languages is one group of inputs: its problem points at the first one.
	const group = TRANSLATED_GROUPS[kind]?.includes(problem.field) ? '-az' : '';
	const id = problem.field ? `f-${kind}-${problem.field.replaceAll('.', '-')}${group}` : null;
	const labelKey = `measures:fields.${parts.at(-1) && isNaN(Number(parts.at(-1))) ? (parts.length > 2 ? parts.at(-1) : head) : head}`;
	const label = t(labelKey, { defaultValue: problem.field || t('measures:fields.record') });
	const known = KNOWN.find(([pattern]) => pattern.test(problem.message));
	return known
		? { field: problem.field, id, label, text: t(`measures:problems.${known[1]}`) }
		: { field: problem.field, id, label, text: problem.message, lang: 'en' };
}
