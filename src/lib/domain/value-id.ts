import { stableUuid } from './seed/prng';

/**
 * A value's id is derived from what it is the value of (indicator, place, period, cell), so two
 * devices entering the same cell write the same record: the server can then see that the second
 * edit conflicts with the first instead of keeping two rival copies.
 */
export function valueId(
	indicatorId: string,
	locationId: string,
	period: string,
	cell: string
): string {
	return stableUuid(`value|${indicatorId}|${locationId}|${period}|${cell}`);
}
