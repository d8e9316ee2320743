import type { LocalIndicator } from '$lib/db/database';
import type { ConflictRecord } from '$lib/domain/sync/conflict';

/** The entry grid that shows a conflict's value (its place and period), for "open the value". */
export function entryHref(
	conflict: Pick<ConflictRecord, 'locationId' | 'period'>,
	indicator: Pick<LocalIndicator, 'area' | 'code'> | undefined
): string | null {
	if (!indicator) return null;
	const query = new URLSearchParams({ location: conflict.locationId, period: conflict.period });
	return `/areas/${indicator.area}/${indicator.code}?${query}`;
}
