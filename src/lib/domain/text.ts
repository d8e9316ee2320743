import { LANGUAGES, type Language } from './languages';

/** Content written in all three languages; an empty string means "not translated yet". */
export type Translated = { az: string; en: string; ru: string };

export interface PickedText {
	text: string;
	/** The language the text is actually in, so the page can set `lang` on it. */
	lang: Language;
	/** True when the wanted language was empty and another one stands in for it. */
	fallback: boolean;
}

/**
 * The wanted language first, then the others in the order content is written in: Azerbaijani
 * first (the language of the source documents), English (the partners' working language), Russian.
 */
function fallbackOrder(lang: Language): Language[] {
	return [lang, ...LANGUAGES.filter((other) => other !== lang)];
}

export function pickText(t: Translated, lang: Language): PickedText {
	for (const candidate of fallbackOrder(lang)) {
		const text = t[candidate].trim();
		if (text) return { text: t[candidate], lang: candidate, fallback: candidate !== lang };
	}
	return { text: '', lang, fallback: false };
}

/** True when every language has text: what a catalogue entry needs before it is approved. */
export function isFullyTranslated(t: Translated): boolean {
	return LANGUAGES.every((lang) => t[lang].trim() !== '');
}

/** The same text in every language (codes, proper names that are written alike). */
export function sameInAll(text: string): Translated {
	return { az: text, en: text, ru: text };
}
