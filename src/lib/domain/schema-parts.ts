import * as v from 'valibot';
import { LANGUAGES } from './languages';

/**
 * Small schema pieces shared by the roadmap's records (organisations, measures, notes,
 * meetings), so every message names its field the same way.
 */

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{1,63}$/;

export const Id = (field: string) =>
	v.pipe(v.string(`${field} must be text`), v.regex(ID_PATTERN, `${field} is not a valid id`));

export const IsoDate = (field: string) =>
	v.pipe(v.string(`${field} must be text`), v.isoDate(`${field} must be a date like 2026-12-31`));

export const Text = (field: string, max: number) =>
	v.pipe(
		v.string(`${field} must be text`),
		v.maxLength(max, `${field} is longer than ${max} characters`)
	);

/** Text in the three languages, each possibly empty ("not translated yet"). */
export const TranslatedText = (field: string, max: number) =>
	v.object({
		az: Text(`${field}.az`, max),
		en: Text(`${field}.en`, max),
		ru: Text(`${field}.ru`, max)
	});

/** Text in at least one of the three languages. */
export const RequiredTranslated = (field: string, max: number) =>
	v.pipe(
		TranslatedText(field, max),
		v.check(
			(t) => [t.az, t.en, t.ru].some((text) => text.trim() !== ''),
			`${field} is empty in all three languages`
		)
	);

export const LanguageCode = (field: string) =>
	v.picklist(LANGUAGES, `${field} must be one of ${LANGUAGES.join(', ')}`);

export const IdList = (field: string) =>
	v.pipe(
		v.array(Id(field), `${field} must be a list`),
		v.check((list) => new Set(list).size === list.length, `${field} lists an id twice`)
	);
