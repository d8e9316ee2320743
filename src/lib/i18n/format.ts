import { AZ_MONTHS, AZ_MONTHS_SHORT } from '$lib/domain/az-calendar';
import type { Language } from '$lib/domain/languages';

/**
 * The one place numbers, percentages, money and dates become text, through Intl, so that
 * "1 234,5" (ru), "1.234,5" (az) and "1,234.5" (en) come out as each reader expects.
 * Formatters are cached: building an Intl object costs far more than using one.
 */
const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

/**
 * Azerbaijani is written by hand from the English pattern ("1,234.5" → "1.234,5"): several
 * browser builds (Debian's Chromium among them) lack Azerbaijani locale data and would print
 * English separators and "2026 M11" dates to an Azerbaijani reader.
 */
function azSeparators(english: string): string {
	return english.replace(/[,.]/g, (c) => (c === ',' ? '.' : ','));
}

function numberFormat(lang: Language, options: Intl.NumberFormatOptions): Intl.NumberFormat {
	const key = `n|${lang}|${JSON.stringify(options)}`;
	let f = cache.get(key) as Intl.NumberFormat | undefined;
	if (!f) cache.set(key, (f = new Intl.NumberFormat(lang, options)));
	return f;
}

function dateFormat(lang: Language, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
	const key = `d|${lang}|${JSON.stringify(options)}`;
	let f = cache.get(key) as Intl.DateTimeFormat | undefined;
	if (!f) cache.set(key, (f = new Intl.DateTimeFormat(lang, options)));
	return f;
}

export function formatNumber(value: number, lang: Language, maximumFractionDigits = 2): string {
	if (lang === 'az')
		return azSeparators(numberFormat('en', { maximumFractionDigits }).format(value));
	return numberFormat(lang, { maximumFractionDigits }).format(value);
}

/** A percentage given on the 0–100 scale the indicators use ("45.5" → "45,5 %" in az). */
export function formatPercent(value: number, lang: Language, maximumFractionDigits = 1): string {
	if (lang === 'az') return `${formatNumber(value, 'az', maximumFractionDigits)}%`;
	return numberFormat(lang, { style: 'percent', maximumFractionDigits }).format(value / 100);
}

export function formatCurrency(value: number, lang: Language, currency = 'AZN'): string {
	if (lang === 'az' && currency === 'AZN') {
		const digits = { minimumFractionDigits: 2, maximumFractionDigits: 2 };
		return `${azSeparators(numberFormat('en', digits).format(value))} ₼`;
	}
	return numberFormat(lang, { style: 'currency', currency, maximumFractionDigits: 2 }).format(
		value
	);
}

/** A calendar date ("2026-11-23" or a Date); plain dates are read as UTC so no day shifts. */
export function formatDate(
	value: string | Date,
	lang: Language,
	style: 'short' | 'medium' | 'long' = 'medium'
): string {
	const date =
		typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
			? new Date(`${value}T00:00:00Z`)
			: new Date(value);
	const utc = typeof value === 'string' && value.length === 10;
	if (lang === 'az') return azDate(date, style, utc);
	return dateFormat(lang, { dateStyle: style, ...(utc ? { timeZone: 'UTC' } : {}) }).format(date);
}

function azDate(date: Date, style: 'short' | 'medium' | 'long', utc: boolean): string {
	const [d, m, y] = utc
		? [date.getUTCDate(), date.getUTCMonth(), date.getUTCFullYear()]
		: [date.getDate(), date.getMonth(), date.getFullYear()];
	if (style === 'short')
		return `${String(d).padStart(2, '0')}.${String(m + 1).padStart(2, '0')}.${y}`;
	return `${d} ${(style === 'long' ? AZ_MONTHS : AZ_MONTHS_SHORT)[m]} ${y}`;
}

export function formatDateTime(value: string | Date, lang: Language): string {
	if (lang === 'az') {
		const date = new Date(value);
		const time = `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
		return `${azDate(date, 'medium', false)}, ${time}`;
	}
	return dateFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(value));
}
