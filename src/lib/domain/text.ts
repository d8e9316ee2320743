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

/** Text that older records hold as one English string, read as three languages. */
export function asTranslated(text: Translated | string | undefined | null): Translated {
	if (typeof text === 'string') return { az: '', en: text, ru: '' };
	return text ?? { az: '', en: '', ru: '' };
}

/** True when every language has text: what a catalogue entry needs before it is approved. */
export function isFullyTranslated(t: Translated): boolean {
	return LANGUAGES.every((lang) => t[lang].trim() !== '');
}

/** The same text in every language (codes, proper names that are written alike). */
export function sameInAll(text: string): Translated {
	return { az: text, en: text, ru: text };
}

/**
 * The Azerbaijani alphabet in its own order (X comes after H, Q after K, Ə after E). Browsers
 * without Azerbaijani collation data (Debian's Chromium: `Intl.Collator.supportedLocalesOf('az')`
 * is empty) fall back to the root order, which puts Ş after S but Q, X and Ə in English places
 * and ı/İ oddly, so lists of places and organisations read out of order.
 */
const AZ_ALPHABET = 'abcçdeəfgğhxıijkqlmnoöprsştuüvyz';
const AZ_RANK = new Map([...AZ_ALPHABET].map((letter, i) => [letter, i]));

function azLower(ch: string): string {
	return ch.toLocaleLowerCase('az');
}

/** Compares two strings letter by letter in the Azerbaijani alphabet; other characters after. */
export function compareAz(a: string, b: string): number {
	const x = [...a.normalize('NFC')];
	const y = [...b.normalize('NFC')];
	for (let i = 0; i < Math.min(x.length, y.length); i++) {
		const p = azLower(x[i]!);
		const q = azLower(y[i]!);
		if (p === q) continue;
		const rp = AZ_RANK.get(p);
		const rq = AZ_RANK.get(q);
		if (rp !== undefined && rq !== undefined) return rp - rq;
		if (rp !== undefined) return -1;
		if (rq !== undefined) return 1;
		return p < q ? -1 : 1;
	}
	if (x.length !== y.length) return x.length - y.length;
	// Same letters: upper case first, so the order is stable.
	return a < b ? -1 : a > b ? 1 : 0;
}

/** True when this browser (or Node) has real collation data for the language. */
function hasCollation(lang: Language): boolean {
	return Intl.Collator.supportedLocalesOf(lang).length > 0;
}

const collators = new Map<Language, (a: string, b: string) => number>();

/**
 * A comparison for sorting names shown in `lang`: the platform's collator when it knows the
 * language, the Azerbaijani alphabet above when it is Azerbaijani and the platform does not.
 */
export function nameCollator(lang: Language): (a: string, b: string) => number {
	let compare = collators.get(lang);
	if (!compare) {
		if (lang === 'az' && !hasCollation('az')) compare = compareAz;
		else {
			const collator = new Intl.Collator(lang, { numeric: true });
			compare = (a, b) => collator.compare(a, b);
		}
		collators.set(lang, compare);
	}
	return compare;
}

/** Sorts a copy of `list` by the name `nameOf` gives, in the reader's language. */
export function sortByName<T>(
	list: readonly T[],
	nameOf: (item: T) => string,
	lang: Language
): T[] {
	const compare = nameCollator(lang);
	return [...list].sort((a, b) => compare(nameOf(a), nameOf(b)));
}

/** Letters without a decomposition (NFD leaves them whole) and their plain base letter. */
const PLAIN: Record<string, string> = { ə: 'e', ı: 'i' };

/**
 * Folds text for search: lower case by the language's rules (so İ is i, I is ı in Azerbaijani),
 * without diacritics (ş → s, ç → c, ğ → g, ö → o, ü → u, ə → e, ı → i; Russian ё → е, й → и), so "seki" finds "Şəki"
 * and "gence" finds "Gəncə". Fold both the text and the query.
 */
export function foldForSearch(text: string, lang: Language = 'en'): string {
	return text
		.toLocaleLowerCase(lang)
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[əı]/g, (ch) => PLAIN[ch]!)
		.normalize('NFC');
}

/** True when `query` (folded as above) occurs in `text`; an empty query matches everything. */
export function searchMatches(text: string, query: string, lang: Language = 'en'): boolean {
	const wanted = foldForSearch(query.trim(), lang);
	return wanted === '' || foldForSearch(text, lang).includes(wanted);
}
