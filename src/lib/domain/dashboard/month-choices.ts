import { periodsInRange } from '../periods';
import type { MonthRange } from './filters';

export interface YearOfMonths {
	year: string;
	months: string[];
}

const MONTH = /^\d{4}-\d{2}$/;

/**
 * The months a dashboard's From/To picker offers: every month the figures span, widened to take in
 * the month already picked (a link may carry one outside the data), grouped by year.
 */
export function monthChoices(range: MonthRange, picked: string): YearOfMonths[] {
	const ends = [range.from, range.to, picked].filter((m) => MONTH.test(m)).sort();
	const first = ends[0];
	const last = ends.at(-1);
	if (!first || !last) return [];
	const years: YearOfMonths[] = [];
	for (const month of periodsInRange(first, last)) {
		const year = month.slice(0, 4);
		const current = years.at(-1);
		if (current?.year === year) current.months.push(month);
		else years.push({ year, months: [month] });
	}
	return years;
}
