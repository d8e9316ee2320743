import * as v from 'valibot';
import { fieldProblems, type Parsed } from './indicators';
import { Id, RequiredTranslated, TranslatedText } from './schema-parts';
import { pickText, type PickedText } from './text';
import { LANGUAGES, type Language } from './languages';

/**
 * The bodies that take part in the roadmap: state bodies, international partners and NGOs.
 * Measures name them as responsible bodies, meetings as participants and decision owners.
 */
export const OrganisationSchema = v.object({
	id: Id('id'),
	name: RequiredTranslated('name', 300),
	/** "DMX" / "SMS" / "ГМС": what tables and chips show. */
	shortName: TranslatedText('shortName', 40)
});

export type Organisation = v.InferOutput<typeof OrganisationSchema>;

export function parseOrganisation(input: unknown): Parsed<Organisation> {
	const result = v.safeParse(OrganisationSchema, input);
	return result.success
		? { ok: true, value: result.output }
		: { ok: false, problems: fieldProblems(result.issues) };
}

/** The short name where there is one in some language, else the full name. */
export function organisationLabel(org: Organisation, lang: Language): PickedText {
	const short = pickText(org.shortName, lang);
	return short.text.trim() ? short : pickText(org.name, lang);
}

const folded = (text: string | undefined, lang: Language) =>
	(text ?? '').trim().toLocaleLowerCase(lang);

/**
 * Everything wrong with an organisation as it would stand in this list: the schema, and a name or
 * short name another organisation already uses in the same language (two "SMS" in a list of
 * responsible bodies could not be told apart). Pure, so the form runs it as the user types.
 */
export function organisationProblems(
	candidate: Organisation,
	list: readonly Organisation[]
): Parsed<Organisation> {
	const parsed = parseOrganisation(candidate);
	if (!parsed.ok) return parsed;
	const org = parsed.value;
	const others = list.filter((o) => o.id !== org.id);
	const problems = (['name', 'shortName'] as const).flatMap((field) =>
		LANGUAGES.flatMap((lang) => {
			const mine = folded(org[field][lang], lang);
			const taken = mine && others.find((o) => folded(o[field]?.[lang], lang) === mine);
			return taken
				? [
						{
							field: `${field}.${lang}`,
							message: `${field}.${lang} is already used by ${taken.id}`
						}
					]
				: [];
		})
	);
	return problems.length > 0 ? { ok: false, problems } : parsed;
}
