import * as v from 'valibot';
import { fieldProblems, type Parsed } from './indicators';
import { Id, RequiredTranslated, TranslatedText } from './schema-parts';
import { pickText, type PickedText } from './text';
import type { Language } from './languages';

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
