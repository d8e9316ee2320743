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

/** The most decimals a value of this unit may carry (null: no limit). */
export function maxDecimals(unit: Unit): number | null {
	if (unit === 'count' || unit === 'yes_no') return 0;
	if (unit === 'currency_azn') return 2;
	return null;
}
