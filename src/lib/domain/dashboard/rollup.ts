import { computeAll } from '../computed';
import { gridCellKeys } from '../disaggregation';
import { formulaReferences } from '../formula';
import type { Indicator, IndicatorValue } from '../indicators';
import { comparePeriods } from '../periods';
import { isAdditive } from '../units';

/**
 * The dashboards' numbers, from the value records on the device, in one pass: every record is
 * filed once under (indicator, period, place, cell), and each figure on screen is read from
 * that index, rather than querying the database once per indicator.
 */

/** cell key → value, for one indicator at one place in one period. */
export type CellValues = Map<string, number>;
/** indicatorId → period → locationId → cells. */
export type Cube = Map<string, Map<string, Map<string, CellValues>>>;

type ValueRecord = Pick<
	IndicatorValue,
	'indicatorId' | 'locationId' | 'period' | 'cell' | 'value' | 'deleted'
>;

export function buildCube(records: Iterable<ValueRecord>): Cube {
	const cube: Cube = new Map();
	for (const r of records) {
		if (r.deleted || r.value === null || !Number.isFinite(r.value)) continue;
		let periods = cube.get(r.indicatorId);
		if (!periods) cube.set(r.indicatorId, (periods = new Map()));
		let places = periods.get(r.period);
		if (!places) periods.set(r.period, (places = new Map()));
		let cells = places.get(r.locationId);
		if (!cells) places.set(r.locationId, (cells = new Map()));
		cells.set(r.cell, r.value);
	}
	return cube;
}

type Shape = Pick<Indicator, 'unit' | 'disaggregations'>;

const gridKeys = new Map<string, string[]>();
/** An indicator's cell keys, worked out once per grid shape (this runs for every place). */
function keysOf(indicator: Shape): string[] {
	const shape = indicator.disaggregations.join('|');
	let keys = gridKeys.get(shape);
	if (!keys) gridKeys.set(shape, (keys = gridCellKeys(indicator.disaggregations)));
	return keys;
}

/**
 * An indicator's one number at one place: its total cell; for a split indicator of an additive
 * unit the sum of its cells when all are filled (a partial sum would understate it); for a
 * split percentage or rate, the plain mean of the groups that have a value.
 */
export function placeValue(indicator: Shape, cells: CellValues): number | null {
	const total = cells.get('total');
	if (indicator.disaggregations.length === 0 || total !== undefined) return total ?? null;
	const keys = keysOf(indicator);
	let sum = 0;
	let filled = 0;
	for (const key of keys) {
		const value = cells.get(key);
		if (value === undefined) continue;
		sum += value;
		filled += 1;
	}
	if (isAdditive(indicator.unit)) return filled === keys.length ? sum : null;
	return filled ? sum / filled : null;
}

export interface Point {
	period: string;
	/** The rolled-up figure: a sum over places for counts and money, a mean for the rest. */
	value: number | null;
	/** How many places the figure is made of. */
	places: number;
	/** Each disaggregation cell rolled up the same way (empty for a computed indicator). */
	cells: Map<string, number>;
}

/** A place is counted when `within` is null (everywhere) or holds it. */
function counts(within: ReadonlySet<string> | null, locationId: string): boolean {
	return within === null || within.has(locationId);
}

/**
 * Several places' numbers as one: summed for an additive unit (people, manat), otherwise the
 * unweighted mean of the places that reported (a percentage of one district is not added to
 * another's; without population weights a plain mean is the honest reading).
 */
export function combine(unitAdditive: boolean, values: readonly number[]): number | null {
	if (values.length === 0) return null;
	const sum = values.reduce((s, v) => s + v, 0);
	return unitAdditive ? sum : sum / values.length;
}

function rollUpEntered(
	indicator: Indicator,
	cube: Cube,
	within: ReadonlySet<string> | null
): Map<string, Point> {
	const additive = isAdditive(indicator.unit);
	const result = new Map<string, Point>();
	for (const [period, places] of cube.get(indicator.id) ?? []) {
		const values: number[] = [];
		const cellLists = new Map<string, number[]>();
		for (const [locationId, cells] of places) {
			if (!counts(within, locationId)) continue;
			const value = placeValue(indicator, cells);
			if (value !== null) values.push(value);
			for (const [cell, v] of cells) {
				let list = cellLists.get(cell);
				if (!list) cellLists.set(cell, (list = []));
				list.push(v);
			}
		}
		const cells = new Map<string, number>();
		for (const [cell, list] of cellLists) cells.set(cell, combine(additive, list)!);
		result.set(period, { period, value: combine(additive, values), places: values.length, cells });
	}
	return result;
}

/**
 * One indicator's figures per period over a set of places (null: everywhere), oldest first.
 * A computed indicator applies its formula to the rolled-up inputs (the sum of employed over
 * the sum of jobseekers), never to an average of district rates.
 */
export function series(
	indicator: Indicator,
	catalogue: readonly Indicator[],
	cube: Cube,
	within: ReadonlySet<string> | null
): Point[] {
	if (!indicator.formula) {
		return [...rollUpEntered(indicator, cube, within).values()].sort((a, b) =>
			comparePeriods(a.period, b.period)
		);
	}
	// Only the formula's own inputs (through other computed indicators too) are rolled up.
	const involved = formulaInputs(catalogue, indicator);
	const entered = new Map<string, Map<string, Point>>();
	const periods = new Set<string>();
	for (const other of involved) {
		if (other.formula || !cube.has(other.id)) continue;
		const rolled = rollUpEntered(other, cube, within);
		entered.set(other.code, rolled);
		for (const period of rolled.keys()) periods.add(period);
	}
	const points: Point[] = [];
	for (const period of periods) {
		const values = computeAll(involved, (code) => entered.get(code)?.get(period)?.value ?? null);
		const value = values.get(indicator.code) ?? null;
		if (value === null) continue;
		points.push({ period, value, places: 0, cells: new Map() });
	}
	return points.sort((a, b) => comparePeriods(a.period, b.period));
}

/** A computed indicator and every indicator its formula reads, directly or through another. */
function formulaInputs(catalogue: readonly Indicator[], indicator: Indicator): Indicator[] {
	const byCode = new Map(catalogue.map((i) => [i.code, i]));
	const found = new Map<string, Indicator>([[indicator.code, indicator]]);
	const stack = indicator.formula ? formulaReferences(indicator.formula) : [];
	while (stack.length) {
		const next = byCode.get(stack.pop()!);
		if (!next || found.has(next.code)) continue;
		found.set(next.code, next);
		if (next.formula) stack.push(...formulaReferences(next.formula));
	}
	return [...found.values()];
}

/** Each place's own number for one indicator in one period (entered indicators only). */
export function byPlace(
	indicator: Indicator,
	cube: Cube,
	period: string,
	within: ReadonlySet<string> | null
): Map<string, number> {
	const result = new Map<string, number>();
	for (const [locationId, cells] of cube.get(indicator.id)?.get(period) ?? []) {
		if (!counts(within, locationId)) continue;
		const value = placeValue(indicator, cells);
		if (value !== null) result.set(locationId, value);
	}
	return result;
}
