import { formatPeriod, parsePeriod } from '../periods';

/**
 * DHIS2's period identifiers for the app's periods: a month "2025-07" is 202507, a quarter
 * 2025Q3 stays 2025Q3, a year 2025 stays 2025. The app has no weeks, half-years or days, so a
 * DHIS2 file in those (2025W27, 2025S1, 20250701) has nothing to land on here.
 */
export function toDhis2Period(periodId: string): string | null {
	const period = parsePeriod(periodId);
	if (!period) return null;
	const year = String(period.year).padStart(4, '0');
	if (period.type === 'month') return `${year}${String(period.index).padStart(2, '0')}`;
	if (period.type === 'quarter') return `${year}Q${period.index}`;
	return year;
}

const MONTH = /^(\d{4})(0[1-9]|1[0-2])$/;
const QUARTER = /^(\d{4})Q([1-4])$/;
const YEAR = /^(\d{4})$/;

/** The app's period id for a DHIS2 period, or null when the app has no such period type. */
export function fromDhis2Period(dhis2: string): string | null {
	const month = MONTH.exec(dhis2);
	if (month)
		return formatPeriod({ type: 'month', year: Number(month[1]), index: Number(month[2]) });
	const quarter = QUARTER.exec(dhis2);
	if (quarter) {
		return formatPeriod({ type: 'quarter', year: Number(quarter[1]), index: Number(quarter[2]) });
	}
	const year = YEAR.exec(dhis2);
	if (year) return formatPeriod({ type: 'year', year: Number(year[1]), index: 1 });
	return null;
}

/** ISO 8601 start and duration, as ADX writes a period: 2025-07-01/P1M, 2025-07-01/P3M. */
export function toAdxPeriod(periodId: string): string | null {
	const period = parsePeriod(periodId);
	if (!period) return null;
	const year = String(period.year).padStart(4, '0');
	const firstMonth = period.type === 'month' ? period.index : (period.index - 1) * 3 + 1;
	const start = `${year}-${String(period.type === 'year' ? 1 : firstMonth).padStart(2, '0')}-01`;
	const length = { month: 'P1M', quarter: 'P3M', year: 'P1Y' }[period.type];
	return `${start}/${length}`;
}
