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

/**
 * Dates are written one way on every screen and in the report: day, month by name, year
 * ("1 Jan 2025", "1 yan 2025", "1 янв. 2025 г."), as the working group writes them; never a
 * numeric form whose order a reader must guess ("01/01/2026" is month first in US English).
 * English follows British usage for that reason. 'long' spells the month out ("1 January 2025");
 * 'short' is kept for callers but reads as 'medium'.
 */
const DATE_LOCALE: Record<Language, string> = { az: 'az', en: 'en-GB', ru: 'ru' };

function dateFormat(lang: Language, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
	const key = `d|${lang}|${JSON.stringify(options)}`;
	let f = cache.get(key) as Intl.DateTimeFormat | undefined;
	if (!f) cache.set(key, (f = new Intl.DateTimeFormat(DATE_LOCALE[lang], options)));
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

/**
 * A manat amount without its currency sign, grouped and with its two decimals: "63 000,00" (ru),
 * "63.000,00" (az), "63,000.00" (en). The entry field shows a stored amount this way too, so
 * money reads the same typed as shown (and validateValue reads it back).
 */
export function formatAmount(value: number, lang: Language): string {
	const digits = { minimumFractionDigits: 2, maximumFractionDigits: 2 };
	if (lang === 'az') return azSeparators(numberFormat('en', digits).format(value));
	return numberFormat(lang, digits).format(value);
}

export function formatCurrency(value: number, lang: Language, currency = 'AZN'): string {
	if (lang === 'az' && currency === 'AZN') return `${formatAmount(value, 'az')} ₼`;
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
	const long = style === 'long';
	if (lang === 'az') return azDate(date, long, utc);
	return dateFormat(lang, {
		day: 'numeric',
		month: long ? 'long' : 'short',
		year: 'numeric',
		...(utc ? { timeZone: 'UTC' } : {})
	}).format(date);
}

function azDate(date: Date, long: boolean, utc: boolean): string {
	const [d, m, y] = utc
		? [date.getUTCDate(), date.getUTCMonth(), date.getUTCFullYear()]
		: [date.getDate(), date.getMonth(), date.getFullYear()];
	return `${d} ${(long ? AZ_MONTHS : AZ_MONTHS_SHORT)[m]} ${y}`;
}

/** A moment in the reader's time zone: the date as above and a 24-hour time ("1 Jan 2025, 14:05"). */
export function formatDateTime(value: string | Date, lang: Language): string {
	const date = new Date(value);
	if (lang === 'az') {
		const time = `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
		return `${azDate(date, false, false)}, ${time}`;
	}
	return dateFormat(lang, {
		day: 'numeric',
		month: 'short',
		year: 'numeric',
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23'
	}).format(date);
}
