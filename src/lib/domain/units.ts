/** What an indicator's number means, which decides how it is entered, checked and summed. */
export const UNITS = ['count', 'percent', 'rate', 'currency_azn', 'yes_no'] as const;
export type Unit = (typeof UNITS)[number];

export function isUnit(value: unknown): value is Unit {
	return typeof value === 'string' && (UNITS as readonly string[]).includes(value);
}

/**
 * Whether values of this unit can be added up across cells or places: 12 people plus 30 people
 * are 42 people, but 40 % plus 60 % is not 100 % of anything.
 */
export function isAdditive(unit: Unit): boolean {
	return unit === 'count' || unit === 'currency_azn';
}

/**
 * The largest number a value of this unit may hold: a bound a person would accept, so that a
 * slipped key (or a hostile device) cannot put 1e20 people into a region's total. Counts are of
 * people, households or places in one country (Azerbaijan has about ten million people);
 * percentages stop at 100; rates (per 1,000 up to per ten million) stay within ten million; money
 * in AZN below the state budget's order (a hundred billion). Every unit starts at 0.
 */
export const UNIT_MAX: Readonly<Record<Unit, number>> = {
	count: 20_000_000,
	percent: 100,
	rate: 10_000_000,
	currency_azn: 100_000_000_000,
	yes_no: 1
};

/** The most decimals a value of this unit may carry (null: no limit). */
export function maxDecimals(unit: Unit): number | null {
	if (unit === 'count' || unit === 'yes_no') return 0;
	if (unit === 'currency_azn') return 2;
	return null;
}
