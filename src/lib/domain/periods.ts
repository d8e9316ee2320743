import { AZ_MONTHS, AZ_MONTHS_SHORT } from './az-calendar';
import type { Language } from './languages';

/**
 * Reporting periods as short, sortable ids: "2026-09" (a month), "2026Q3" (a quarter), "2026"
 * (a year). Dates are plain "YYYY-MM-DD" strings so that no time zone can move a period.
 */
export const PERIOD_TYPES = ['month', 'quarter', 'year'] as const;
export type PeriodType = (typeof PERIOD_TYPES)[number];

/** How often an indicator is measured; each periodicity has its own kind of period id. */
export const PERIODICITIES = ['monthly', 'quarterly', 'yearly'] as const;
export type Periodicity = (typeof PERIODICITIES)[number];

export const PERIOD_TYPE_OF: Record<Periodicity, PeriodType> = {
	monthly: 'month',
	quarterly: 'quarter',
	yearly: 'year'
};

export interface Period {
	type: PeriodType;
	year: number;
	/** Month 1–12, quarter 1–4, or 1 for a year. */
	index: number;
}

const PATTERN = /^(\d{4})(?:-(0[1-9]|1[0-2])|Q([1-4]))?$/;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})/;
const PER_YEAR: Record<PeriodType, number> = { month: 12, quarter: 4, year: 1 };
const MONTHS_IN: Record<PeriodType, number> = { month: 1, quarter: 3, year: 12 };

export function parsePeriod(id: string): Period | null {
	const match = PATTERN.exec(id);
	if (!match) return null;
	const year = Number(match[1]);
	if (match[2]) return { type: 'month', year, index: Number(match[2]) };
	if (match[3]) return { type: 'quarter', year, index: Number(match[3]) };
	return { type: 'year', year, index: 1 };
}

export function isPeriodId(value: unknown): value is string {
	return typeof value === 'string' && parsePeriod(value) !== null;
}

/** Programmer errors (a bad id from code, not from a person) fail loudly. */
function mustParse(id: string): Period {
	const period = parsePeriod(id);
	if (!period) throw new RangeError(`Not a period id: "${id}"`);
	return period;
}

export function formatPeriod(period: Period): string {
	const year = String(period.year).padStart(4, '0');
	if (period.type === 'month') return `${year}-${String(period.index).padStart(2, '0')}`;
	if (period.type === 'quarter') return `${year}Q${period.index}`;
	return year;
}

export function periodType(id: string): PeriodType | null {
	return parsePeriod(id)?.type ?? null;
}

export function matchesPeriodicity(id: string, periodicity: Periodicity): boolean {
	return periodType(id) === PERIOD_TYPE_OF[periodicity];
}

/** Months since year 0 of the period's first month: one number to compare and shift by. */
function firstMonth(period: Period): number {
	return period.year * 12 + (period.index - 1) * MONTHS_IN[period.type];
}

/**
 * Chronological order by start; when two periods start together (2026, 2026Q1, 2026-01) the
 * shorter comes first, so a month is listed before the quarter that sums it up.
 */
export function comparePeriods(a: string, b: string): number {
	const pa = mustParse(a);
	const pb = mustParse(b);
	return firstMonth(pa) - firstMonth(pb) || MONTHS_IN[pa.type] - MONTHS_IN[pb.type];
}

export function sortPeriods(ids: readonly string[]): string[] {
	return [...ids].sort(comparePeriods);
}

/** The period `steps` periods later (or earlier, when negative) of the same type. */
export function shiftPeriod(id: string, steps: number): string {
	const period = mustParse(id);
	const perYear = PER_YEAR[period.type];
	const ordinal = period.year * perYear + (period.index - 1) + steps;
	return formatPeriod({
		type: period.type,
		year: Math.floor(ordinal / perYear),
		index: (((ordinal % perYear) + perYear) % perYear) + 1
	});
}

export function nextPeriod(id: string): string {
	return shiftPeriod(id, 1);
}

export function previousPeriod(id: string): string {
	return shiftPeriod(id, -1);
}

function isoDate(year: number, month: number, day: number): string {
	return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function daysInMonth(year: number, month: number): number {
	return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** First day of the period, "YYYY-MM-DD". */
export function periodStart(id: string): string {
	const month = firstMonth(mustParse(id));
	return isoDate(Math.floor(month / 12), (month % 12) + 1, 1);
}

/** Last day of the period (inclusive), "YYYY-MM-DD". */
export function periodEnd(id: string): string {
	const period = mustParse(id);
	const last = firstMonth(period) + MONTHS_IN[period.type] - 1;
	const year = Math.floor(last / 12);
	const month = (last % 12) + 1;
	return isoDate(year, month, daysInMonth(year, month));
}

/** The period of the given type that holds a date ("YYYY-MM-DD", or an ISO timestamp). */
export function periodContaining(date: string, type: PeriodType): string {
	const match = DATE_PATTERN.exec(date);
	if (!match) throw new RangeError(`Not a date: "${date}"`);
	const year = Number(match[1]);
	const month = Number(match[2]);
	if (month < 1 || month > 12) throw new RangeError(`Not a date: "${date}"`);
	const index = Math.floor((month - 1) / MONTHS_IN[type]) + 1;
	return formatPeriod({ type, year, index });
}

/** The period one level up that contains this one (month → quarter → year); null for a year. */
export function rollUp(id: string): string | null {
	const period = mustParse(id);
	if (period.type === 'year') return null;
	const up: PeriodType = period.type === 'month' ? 'quarter' : 'year';
	return periodContaining(periodStart(id), up);
}

/** True when `inner` lies wholly inside `outer` (a period contains itself). */
export function periodContains(outer: string, inner: string): boolean {
	return periodStart(outer) <= periodStart(inner) && periodEnd(inner) <= periodEnd(outer);
}

/** Every period from `from` to `to`, both included; empty when `to` is before `from`. */
export function periodsInRange(from: string, to: string): string[] {
	const a = mustParse(from);
	const b = mustParse(to);
	if (a.type !== b.type) {
		throw new RangeError(`A range needs two periods of one type: "${from}" and "${to}"`);
	}
	const result: string[] = [];
	for (let id = from; comparePeriods(id, to) <= 0; id = nextPeriod(id)) result.push(id);
	return result;
}

/** The periods of a smaller type that make up a period (the three months of a quarter). */
export function periodsWithin(id: string, type: PeriodType): string[] {
	const period = mustParse(id);
	if (MONTHS_IN[type] > MONTHS_IN[period.type]) {
		throw new RangeError(`A ${period.type} holds no ${type}`);
	}
	const start = periodStart(id);
	return periodsInRange(periodContaining(start, type), periodContaining(periodEnd(id), type));
}

/**
 * The last `count` periods of a periodicity, oldest first, the newest being the one that holds
 * `endingAt` (so "the last 4 quarters" on 23 November includes the quarter still running).
 */
export function lastPeriods(periodicity: Periodicity, count: number, endingAt: string): string[] {
	if (count <= 0) return [];
	const newest = periodContaining(endingAt, PERIOD_TYPE_OF[periodicity]);
	return periodsInRange(shiftPeriod(newest, 1 - count), newest);
}

export type PeriodLabelStyle = 'long' | 'short';

const ROMAN = ['I', 'II', 'III', 'IV'] as const;

/**
 * The ordinal suffix an Azerbaijani reader says after a number ("2026-cı", "2025-ci",
 * "2030-cu", "2100-cü"): vowel harmony follows the last number word that is spoken.
 */
export function azOrdinalSuffix(n: number): string {
	const units = ['', 'ci', 'ci', 'cü', 'cü', 'ci', 'cı', 'ci', 'ci', 'cu'];
	const tens = ['', 'cu', 'ci', 'cu', 'cı', 'ci', 'cı', 'ci', 'ci', 'cı'];
	const abs = Math.abs(Math.trunc(n));
	if (abs % 10) return units[abs % 10]!;
	if (abs % 100) return tens[Math.floor(abs / 10) % 10]!;
	if (abs % 1000) return 'cü'; // yüz
	if (abs === 0) return 'cı'; // sıfır
	return 'ci'; // min
}

function capitalise(text: string, lang: Language): string {
	return text.charAt(0).toLocaleUpperCase(lang) + text.slice(1);
}

function monthLabel(period: Period, lang: Language, style: PeriodLabelStyle): string {
	if (lang === 'az') {
		const names = style === 'long' ? AZ_MONTHS : AZ_MONTHS_SHORT;
		return capitalise(`${names[period.index - 1]} ${period.year}`, lang);
	}
	const formatter = new Intl.DateTimeFormat(lang, {
		month: style === 'long' ? 'long' : 'short',
		year: 'numeric',
		timeZone: 'UTC'
	});
	// Month names are lower case inside a sentence in az and ru; a label starts a line.
	return capitalise(formatter.format(Date.UTC(period.year, period.index - 1, 1)), lang);
}

function quarterLabel(period: Period, lang: Language, style: PeriodLabelStyle): string {
	const roman = ROMAN[period.index - 1]!;
	const year = period.year;
	if (lang === 'az') {
		return style === 'long'
			? `${year}-${azOrdinalSuffix(year)} ilin ${roman} rübü`
			: `${roman} rüb ${year}`;
	}
	if (lang === 'ru')
		return style === 'long' ? `${roman} квартал ${year} г.` : `${roman} кв. ${year}`;
	return `Q${period.index} ${year}`;
}

function yearLabel(period: Period, lang: Language, style: PeriodLabelStyle): string {
	if (style === 'short' || lang === 'en') return String(period.year);
	return lang === 'az' ? `${period.year}-${azOrdinalSuffix(period.year)} il` : `${period.year} г.`;
}

/**
 * A period as people write it: "September 2026" / "Sentyabr 2026" / "Сентябрь 2026 г.";
 * "Q3 2026" / "2026-cı ilin III rübü" / "III квартал 2026 г.". The short style fits chart axes.
 */
export function periodLabel(id: string, lang: Language, style: PeriodLabelStyle = 'long'): string {
	const period = mustParse(id);
	if (period.type === 'month') return monthLabel(period, lang, style);
	if (period.type === 'quarter') return quarterLabel(period, lang, style);
	return yearLabel(period, lang, style);
}
