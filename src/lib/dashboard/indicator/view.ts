import { byPlace, series, type Point } from '$lib/domain/dashboard/rollup';
import { leaves, type Location } from '$lib/domain/locations';
import { periodEnd } from '$lib/domain/periods';
import { elapsedFraction } from '$lib/domain/progress';
import type { LocalIndicator } from '$lib/db/database';
import { indicatorRow, type DashboardData, type IndicatorRow } from '../load';

export interface PlaceValue {
	place: Location;
	value: number | null;
}

/** What an indicator's page shows, worked out from the loaded dashboard data. */
export interface IndicatorView {
	indicator: LocalIndicator;
	row: IndicatorRow;
	/** Where a straight line from baseline to target would be at a period's end (null: no line). */
	path: (period: string) => number | null;
	/** The places under the one in view (its leaves), each with a series of its own. */
	places: Location[];
	/** Each place's figure in the latest period, largest first. */
	placeValues: PlaceValue[];
	own: (id: string) => Point[];
	latestPeriod: string | null;
}

export function indicatorView(d: DashboardData, indicator: LocalIndicator): IndicatorView {
	const row = indicatorRow(d, indicator);
	const { baseline, target } = indicator;
	const path = (period: string) =>
		baseline && target
			? baseline.value +
				(target.value - baseline.value) *
					elapsedFraction(baseline.date, target.date, periodEnd(period))
			: null;
	const under = d.place ? leaves(d.locations, d.place.id) : leaves(d.locations);
	const places = (under.length ? under : d.place ? [d.place] : []).filter(
		(l) => l.level !== 'country'
	);
	const latestPeriod = row.latest?.period ?? null;
	const own = (id: string) => series(indicator, d.indicators, d.cube, new Set([id]));
	const placeValues = latestPeriod
		? indicator.formula
			? places.map((p) => ({
					place: p,
					value: own(p.id).find((pt) => pt.period === latestPeriod)?.value ?? null
				}))
			: (() => {
					const values = byPlace(indicator, d.cube, latestPeriod, d.within);
					return places.map((p) => ({ place: p, value: values.get(p.id) ?? null }));
				})()
		: [];
	placeValues.sort((a, b) => (b.value ?? -Infinity) - (a.value ?? -Infinity));
	return { indicator, row, path, places, placeValues, own, latestPeriod };
}
