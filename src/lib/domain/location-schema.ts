import * as v from 'valibot';
import { fieldProblems, TranslatedSchema, type Parsed } from './indicators';
import { LOCATION_LEVELS, type Location } from './locations';

/**
 * The schema a place is checked with, on the device before it is saved and (later) on the server
 * when it arrives through sync. Rules that need the other places (the parent exists, no loop)
 * live with the store, which has them.
 */

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{1,63}$/;

const Id = (field: string) =>
	v.pipe(v.string(`${field} must be text`), v.regex(ID_PATTERN, `${field} is not a valid id`));

export const LocationSchema = v.pipe(
	v.object({
		id: Id('id'),
		parentId: v.nullable(Id('parentId')),
		level: v.picklist(LOCATION_LEVELS, `level must be one of ${LOCATION_LEVELS.join(', ')}`),
		name: v.pipe(
			TranslatedSchema,
			v.check(
				(t) => [t.az, t.en, t.ru].some((text) => text.trim() !== ''),
				'name is empty in all three languages'
			)
		)
	}),
	// The country is the root: it alone has no parent, and it never has one.
	v.forward(
		v.check(
			(l) => (l.level === 'country') === (l.parentId === null),
			(issue) =>
				(issue.input as { level: string }).level === 'country'
					? 'a country has no parent'
					: 'parent is required'
		),
		['parentId']
	)
);

export function parseLocation(input: unknown): Parsed<Location> {
	const result = v.safeParse(LocationSchema, input);
	return result.success
		? { ok: true, value: result.output }
		: { ok: false, problems: fieldProblems(result.issues) };
}
