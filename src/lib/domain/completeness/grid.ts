import type { AreaId } from '../areas';
import type { Indicator, IndicatorValue } from '../indicators';
import type { Location } from '../locations';
import { duePeriods, expectedCells, isExpected } from './expected';

/**
 * Reporting completeness, as DHIS2's reporting rates: for a period, which places have entered
 * which indicators. One value is expected per place, indicator and due period (expected.ts); it
 * counts as complete when every cell of its grid holds a number, as started when only some do.
 */

export interface Tally {
	expected: number;
	complete: number;
	/** Values with some cells filled but not all: counted as not complete. */
	started: number;
	/** The newest change among the values counted here (ISO timestamp), or null. */
	lastEntry: string | null;
}

/** One place × indicator square of the grid. */
export interface GridCell extends Tally {
	locationId: string;
	indicatorId: string;
	/** The due periods with no complete value, oldest first. */
	open: string[];
}

export interface OpenItem {
	indicatorId: string;
	locationId: string;
	period: string;
	started: boolean;
}

export interface Completeness {
	period: string;
	/** Entered indicators, in catalogue order. */
	indicators: string[];
	/** The places values are expected from (districts), in the order given. */
	places: string[];
	/** `${locationId}|${indicatorId}` → the square. */
	cells: Map<string, GridCell>;
	byPlace: Map<string, Tally>;
	byIndicator: Map<string, Tally>;
	byArea: Map<AreaId, Tally>;
	/** Region id (a place's parent) → its places' tallies summed. */
	byRegion: Map<string, Tally>;
	/** Region id → area → tally: "Ganja-Dashkasan, housing: 5 of 6". */
	byRegionArea: Map<string, Map<AreaId, Tally>>;
	total: Tally;
	/** Every expected value not complete, by indicator then place then period. */
	open: OpenItem[];
}

type GridIndicator = Pick<Indicator, 'id' | 'area' | 'periodicity' | 'formula' | 'disaggregations'>;
type GridValue = Pick<
	IndicatorValue,
	'indicatorId' | 'locationId' | 'period' | 'cell' | 'value' | 'deleted' | 'updatedAt'
>;

export interface CompletenessInput {
	period: string;
	indicators: readonly GridIndicator[];
	/** Every place (regions too): a place's region is its parent. */
	locations: readonly Pick<Location, 'id' | 'parentId'>[];
	/** The places values are expected from (a caseworker's own districts, or every district). */
	places: readonly string[];
	values: Iterable<GridValue>;
}

export function emptyTally(): Tally {
	return { expected: 0, complete: 0, started: 0, lastEntry: null };
}

function newer(a: string | null, b: string | null): string | null {
	if (a === null) return b;
	if (b === null) return a;
	return a > b ? a : b;
}

function add(into: Tally, from: Tally): void {
	into.expected += from.expected;
	into.complete += from.complete;
	into.started += from.started;
	into.lastEntry = newer(into.lastEntry, from.lastEntry);
}

/** Complete ÷ expected, 0 to 1; null when nothing is expected. */
export function share(tally: Tally): number | null {
	return tally.expected === 0 ? null : tally.complete / tally.expected;
}

const squareKey = (locationId: string, indicatorId: string) => `${locationId}|${indicatorId}`;

export function completeness(input: CompletenessInput): Completeness {
	const indicators = input.indicators.filter(isExpected);
	const places = new Set(input.places);
	const wanted = new Map(indicators.map((i) => [i.id, i]));
	const due = new Map(indicators.map((i) => [i.id, duePeriods(i.periodicity, input.period)]));

	// indicator|place|period → cells filled, and the newest change of any of them.
	const filled = new Map<string, { cells: Set<string>; last: string | null }>();
	for (const record of input.values) {
		if (!places.has(record.locationId) || !wanted.has(record.indicatorId)) continue;
		if (!due.get(record.indicatorId)!.includes(record.period)) continue;
		const key = `${record.indicatorId}|${record.locationId}|${record.period}`;
		let entry = filled.get(key);
		if (!entry) filled.set(key, (entry = { cells: new Set(), last: null }));
		// A deleted or emptied cell still tells when the place last worked on the value.
		entry.last = newer(entry.last, record.updatedAt);
		if (!record.deleted && record.value !== null && Number.isFinite(record.value)) {
			entry.cells.add(record.cell);
		}
	}

	const parentOf = new Map(input.locations.map((l) => [l.id, l.parentId]));
	const result: Completeness = {
		period: input.period,
		indicators: indicators.map((i) => i.id),
		places: [...places],
		cells: new Map(),
		byPlace: new Map(),
		byIndicator: new Map(),
		byArea: new Map(),
		byRegion: new Map(),
		byRegionArea: new Map(),
		total: emptyTally(),
		open: []
	};
	const tallyIn = <K>(map: Map<K, Tally>, key: K): Tally => {
		let tally = map.get(key);
		if (!tally) map.set(key, (tally = emptyTally()));
		return tally;
	};

	for (const indicator of indicators) {
		const cells = expectedCells(indicator);
		for (const locationId of result.places) {
			const square: GridCell = { locationId, indicatorId: indicator.id, ...emptyTally(), open: [] };
			for (const period of due.get(indicator.id)!) {
				square.expected += 1;
				const entry = filled.get(`${indicator.id}|${locationId}|${period}`);
				square.lastEntry = newer(square.lastEntry, entry?.last ?? null);
				const count = entry ? cells.filter((c) => entry.cells.has(c)).length : 0;
				if (count === cells.length) {
					square.complete += 1;
					continue;
				}
				if (count > 0) square.started += 1;
				square.open.push(period);
				result.open.push({
					indicatorId: indicator.id,
					locationId,
					period,
					started: count > 0
				});
			}
			result.cells.set(squareKey(locationId, indicator.id), square);
			const region = parentOf.get(locationId) ?? locationId;
			add(tallyIn(result.byPlace, locationId), square);
			add(tallyIn(result.byIndicator, indicator.id), square);
			add(tallyIn(result.byArea, indicator.area), square);
			add(tallyIn(result.byRegion, region), square);
			let areas = result.byRegionArea.get(region);
			if (!areas) result.byRegionArea.set(region, (areas = new Map()));
			add(tallyIn(areas, indicator.area), square);
			add(result.total, square);
		}
	}
	return result;
}

export function gridCell(
	grid: Completeness,
	locationId: string,
	indicatorId: string
): GridCell | undefined {
	return grid.cells.get(squareKey(locationId, indicatorId));
}
