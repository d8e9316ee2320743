import { AREAS } from '$lib/domain/areas';
import { inScope } from '$lib/auth/permissions';
import type { LocalIndicator, LocalLocation, YolDatabase } from '$lib/db/database';
import { valuesInSlices } from '$lib/db/value-packs';
import { duePeriods, isExpected } from '$lib/domain/completeness/expected';
import { completeness, type Completeness } from '$lib/domain/completeness/grid';
import { descendants } from '$lib/domain/locations';
import { entryPlaces } from '$lib/entry/place';

export interface CompletenessData {
	grid: Completeness;
	indicators: LocalIndicator[];
	locations: LocalLocation[];
}

/**
 * The districts a completeness grid counts: a person's own (a caseworker's scope), narrowed to
 * a chosen place when there is one; everyone else every district, or the chosen place's.
 */
export function placesInView(
	locations: readonly LocalLocation[],
	scopeIds: readonly string[] | null,
	chosen: string | null = null
): string[] {
	let places = entryPlaces(locations);
	if (scopeIds) {
		places = places.filter((p) => inScope({ locationIds: [...scopeIds] }, p.id, locations));
	}
	if (chosen) {
		const under = new Set([chosen, ...descendants(locations, chosen).map((l) => l.id)]);
		places = places.filter((p) => under.has(p.id));
	}
	return places.map((p) => p.id);
}

/**
 * Reads what a period's grid needs from this device, offline: the catalogue, the places and the
 * values of each indicator's due periods (one pack per indicator and period).
 */
export async function loadCompleteness(
	db: YolDatabase,
	period: string,
	scopeIds: readonly string[] | null,
	chosen: string | null = null
): Promise<CompletenessData> {
	return db.transaction('r', [db.indicators, db.locations, db.values, db.valuePacks], async () => {
		const [indicators, locations] = await Promise.all([
			db.indicators.toArray(),
			db.locations.toArray()
		]);
		indicators.sort(
			(a, b) =>
				AREAS.indexOf(a.area) - AREAS.indexOf(b.area) ||
				Number(a.code.slice(1)) - Number(b.code.slice(1))
		);
		const slices = indicators
			.filter(isExpected)
			.flatMap((i) => duePeriods(i.periodicity, period).map((p) => [i.id, p] as const));
		const values = await valuesInSlices(db, slices);
		const grid = completeness({
			period,
			indicators,
			locations,
			places: placesInView(locations, scopeIds, chosen),
			values
		});
		return { grid, indicators, locations };
	});
}
