import { AZ_MONTHS } from '../az-calendar';
import { formatPeriod, parsePeriod } from '../periods';
import { fold } from './fold';

/**
 * Periods as spreadsheets write them, read into the app's ids. Accepted: the app's own forms
 * (2025Q3, 2025-07, 2025); quarters as "2025 Q3", "Q3 2025", "III rüb 2025", "2025-ci ilin III
 * rübü", "3 кв. 2025", "III квартал 2025 г."; months as "2025-07", "07.2025", "2025/7",
 * "July 2025", "İyul 2025", "Июль 2025 г."; years as "2025", "2025-ci il", "2025 г."; and a date
 * ("2025-07-15"), which names the period of the indicator's periodicity that holds it. The
 * labels the app itself prints (periodLabel, in every language) all read back.
 */
export type ReadPeriod = { period: string } | { date: string };

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };

/** Folded month-name beginnings in en, az and ru, checked in order (longest first where two share one). */
const MONTH_STEMS: [string, number][] = [
	...['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].map(
		(stem, i): [string, number] => [stem, i + 1]
	),
	...AZ_MONTHS.map((name, i): [string, number] => [fold(name), i + 1]),
	...['yan', 'fev', 'mar', 'apr', 'may', 'iyn', 'iyl', 'avq', 'sen', 'okt', 'noy', 'dek'].map(
		(stem, i): [string, number] => [stem, i + 1]
	),
	...['янв', 'фев', 'мар', 'апр', 'ма', 'июн', 'июл', 'авг', 'сен', 'окт', 'ноя', 'дек'].map(
		(stem, i): [string, number] => [stem, i + 1]
	)
];

/** Words that say "quarter" (folded): quarter, qtr, rüb / rübü, кв. / квартал. */
const QUARTER_WORD = /^(quarter|qtr|rub|rubu|кв|квартал|квартала)$/;
/** Words that may stand beside a year and say nothing more: year, il, ilin, г., год, the az ordinal. */
const YEAR_WORD = /^(year|il|ilin|г|год|года|ci|cu)$/;

function monthOf(word: string): number | null {
	if (word.length < 3 && word !== 'ма') return null;
	for (const [stem, month] of MONTH_STEMS) {
		if (
			stem === 'ма' ? word === 'май' || word === 'мая' || word === 'маи' : word.startsWith(stem)
		) {
			return month;
		}
	}
	return null;
}

function month(year: number, index: number): string | null {
	return index >= 1 && index <= 12 ? formatPeriod({ type: 'month', year, index }) : null;
}

export function readPeriod(raw: string): ReadPeriod | null {
	const text = raw.trim();
	if (parsePeriod(text)) return { period: text };
	const date = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/.exec(text);
	if (date)
		return Number(date[2]) >= 1 && Number(date[2]) <= 12 ? { date: text.slice(0, 10) } : null;
	// Numbers only: 2025-7, 2025/07, 07.2025, 7/2025.
	const ym = /^(\d{4})\s*[-/.]\s*(\d{1,2})$/.exec(text);
	if (ym) return wrap(month(Number(ym[1]), Number(ym[2])));
	const my = /^(\d{1,2})\s*[-/.]\s*(\d{4})$/.exec(text);
	if (my) return wrap(month(Number(my[2]), Number(my[1])));

	// Words: find the one four-digit year, then read what the other words say about it.
	const words = fold(text)
		.replace(/(\d{4})(q)(\d)/g, '$1 $2$3')
		.replace(/(\d{4})([a-zа-я])/g, '$1 $2')
		.split(' ')
		.filter(Boolean);
	const years = words.filter((w) => /^\d{4}$/.test(w));
	if (years.length !== 1) return null;
	const year = Number(years[0]);
	const rest = words.filter((w) => w !== years[0] && !YEAR_WORD.test(w));
	if (rest.length === 0) return { period: formatPeriod({ type: 'year', year, index: 1 }) };

	// "q3", "3q"
	if (rest.length === 1) {
		const q = /^(?:q([1-4])|([1-4])q)$/.exec(rest[0]!);
		if (q) return { period: formatPeriod({ type: 'quarter', year, index: Number(q[1] ?? q[2]) }) };
	}
	// "III rüb", "3 кв", "3 й квартал", "quarter 3"
	const quarterWord = rest.findIndex((w) => QUARTER_WORD.test(w));
	if (quarterWord >= 0) {
		const others = rest.filter((_, i) => i !== quarterWord && rest[i] !== 'й' && rest[i] !== 'и');
		if (others.length !== 1) return null;
		const word = others[0]!;
		const index = ROMAN[word] ?? (/^[1-4]$/.test(word) ? Number(word) : null);
		return index ? { period: formatPeriod({ type: 'quarter', year, index }) } : null;
	}
	if (rest.length === 1)
		return wrap(monthOf(rest[0]!) === null ? null : month(year, monthOf(rest[0]!)!));
	return null;
}

function wrap(period: string | null): ReadPeriod | null {
	return period ? { period } : null;
}
