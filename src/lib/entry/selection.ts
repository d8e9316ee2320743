import type { Location } from '$lib/domain/locations';
import {
	PERIOD_TYPE_OF,
	comparePeriods,
	lastPeriods,
	matchesPeriodicity,
	periodContaining,
	type Periodicity
} from '$lib/domain/periods';

/** How many periods the entry form offers: a year of months, three years of quarters. */
export const PERIOD_CHOICES = 12;

/**
 * The periods to choose from, newest first: the last twelve, plus a period named in the URL
 * that is older (a link from a report) but never one in the future, which cannot be measured.
 */
export function periodOptions(periodicity: Periodicity, today: string, wanted?: string): string[] {
	const recent = lastPeriods(periodicity, PERIOD_CHOICES, today).reverse();
	const current = periodContaining(today, PERIOD_TYPE_OF[periodicity]);
	if (
		wanted &&
		matchesPeriodicity(wanted, periodicity) &&
		!recent.includes(wanted) &&
		comparePeriods(wanted, current) < 0
	) {
		recent.push(wanted);
	}
	return recent;
}

export interface SelectionInput {
	location: string | null;
	period: string | null;
	/** Places values are entered for. */
	districts: readonly Pick<Location, 'id'>[];
	/** The place chosen last time on this device, if any. */
	remembered: string | null;
	periodicity: Periodicity;
	today: string;
}

export interface Selection {
	locationId: string | null;
	period: string;
	/** True when the URL did not already say exactly this, so it should be rewritten. */
	changed: boolean;
}

/** The place and period to show: the URL's when valid, else the remembered place and this period. */
export function resolveSelection(input: SelectionInput): Selection {
	const ids = new Set(input.districts.map((d) => d.id));
	const locationId =
		input.location && ids.has(input.location)
			? input.location
			: input.remembered && ids.has(input.remembered)
				? input.remembered
				: (input.districts[0]?.id ?? null);
	const options = periodOptions(input.periodicity, input.today, input.period ?? undefined);
	const period =
		input.period && options.includes(input.period)
			? input.period
			: periodContaining(input.today, PERIOD_TYPE_OF[input.periodicity]);
	return {
		locationId,
		period,
		changed: locationId !== input.location || period !== input.period
	};
}
