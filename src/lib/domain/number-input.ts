import type { Language } from './languages';

/** Spaces people and Intl put between thousands: ordinary, no-break, narrow no-break, thin. */
const SPACES = /[\s\u00a0\u202f\u2009]/g;
/** Hyphen-minus, the minus sign (U+2212) and en dash, which keyboards and copy-paste produce. */
const MINUS = /^[-\u2212\u2013]/;

/**
 * Which separator each language uses between thousands (CLDR): "12.345,5" in Azerbaijani,
 * "12,345.5" in English, "12 345,5" in Russian. Only this one may group digits without spaces.
 */
const GROUPING: Record<Language, '.' | ',' | null> = { az: '.', en: ',', ru: null };

/**
 * Reads a number typed by a person. Both "12,5" and "12.5" are twelve and a half in every
 * language (tablets often offer only one of the two keys); spaces group thousands. A single
 * separator followed by exactly three digits is read as grouping only in the language whose
 * habit that is ("1,250" is 1250 in English, 1.25 in Russian). Returns null when it is not a number.
 */
export function parseNumberInput(raw: string, lang: Language): number | null {
	return readNumberInput(raw, lang)?.value ?? null;
}

export interface ReadNumber {
	value: number;
	/** Significant decimals as typed ("12,50" has one): what a currency limit is checked against. */
	decimals: number;
}

export function readNumberInput(raw: string, lang: Language): ReadNumber | null {
	let text = raw.trim();
	const negative = MINUS.test(text);
	if (negative) text = text.slice(1).trim();
	if (!/^[\d\s\u00a0\u202f\u2009.,]+$/.test(text) || !/\d/.test(text)) return null;
	if (!spacesGroupThousands(text)) return null;
	text = text.replace(SPACES, '');

	const separators = text.match(/[.,]/g) ?? [];
	let integer = text;
	let fraction = '';
	if (separators.length > 0) {
		const distinct = new Set(separators);
		const last = text.search(/[.,][^.,]*$/);
		const decimalChar = text.charAt(last);
		if (distinct.size === 2) {
			// "1.234,5" or "1,234.5": the last one is the decimal mark, the others group.
			if (separators.filter((s) => s === decimalChar).length > 1) return null;
			integer = text.slice(0, last);
			fraction = text.slice(last + 1);
			if (!groupsOfThree(integer, decimalChar === '.' ? ',' : '.')) return null;
		} else if (separators.length > 1) {
			// "1.234.567": only grouping can repeat.
			if (!groupsOfThree(text, decimalChar)) return null;
			integer = text;
		} else if (readsAsGrouping(text, decimalChar, lang)) {
			integer = text;
		} else {
			integer = text.slice(0, last);
			fraction = text.slice(last + 1);
		}
		integer = integer.replace(/[.,]/g, '');
	}
	if (integer === '' && fraction === '') return null;
	if (!/^\d*$/.test(fraction)) return null;
	const value = Number(`${integer || '0'}.${fraction || '0'}`);
	if (!Number.isFinite(value)) return null;
	const decimals = fraction.replace(/0+$/, '').length;
	return { value: negative && value !== 0 ? -value : value, decimals };
}

function readsAsGrouping(text: string, separator: string, lang: Language): boolean {
	return GROUPING[lang] === separator && /^[1-9]\d{0,2}[.,]\d{3}$/.test(text);
}

function groupsOfThree(text: string, separator: string): boolean {
	const parts = text.split(separator);
	return /^\d{1,3}$/.test(parts[0] ?? '') && parts.slice(1).every((part) => /^\d{3}$/.test(part));
}

/** "12 345" and "1 234 567,5" are fine; "12 5" is a typo, not 125. */
function spacesGroupThousands(text: string): boolean {
	const chunks = text.split(/[\s\u00a0\u202f\u2009]+/);
	if (chunks.length === 1) return true;
	const [first, ...rest] = chunks;
	if (!/^\d{1,3}$/.test(first ?? '')) return false;
	return rest.every((chunk, i) =>
		i === rest.length - 1 ? /^\d{3}([.,]\d*)?$/.test(chunk) : /^\d{3}$/.test(chunk)
	);
}
