import { computeForSlice, inputValue } from '$lib/domain/computed';
import { gridCellKeys } from '$lib/domain/disaggregation';
import { formulaReferences } from '$lib/domain/formula';
import type { Indicator } from '$lib/domain/indicators';
import { lastPeriods } from '$lib/domain/periods';
import { isAdditive } from '$lib/domain/units';
import type { LocalValue, YolDatabase } from './database';
import { valuesInSlices } from './value-packs';

/** Every value of some indicators at one place in some periods. */
export async function valuesAtPlace(
	db: YolDatabase,
	indicatorIds: readonly string[],
	locationId: string,
	periods: readonly string[]
): Promise<LocalValue[]> {
	const slices = indicatorIds.flatMap((id) => periods.map((p) => [id, p] as const));
	const values = await valuesInSlices(db, slices);
	return values.filter((v) => v.locationId === locationId);
}

/** The indicators a computed one reads, through other computed ones too. */
export function inputsOf(indicators: readonly Indicator[], indicator: Indicator): Indicator[] {
	const byCode = new Map(indicators.map((i) => [i.code, i]));
	const seen = new Map<string, Indicator>();
	const stack = indicator.formula ? formulaReferences(indicator.formula) : [];
	while (stack.length) {
		const found = byCode.get(stack.pop()!);
		if (!found || seen.has(found.code) || found.code === indicator.code) continue;
		seen.set(found.code, found);
		if (found.formula) stack.push(...formulaReferences(found.formula));
	}
	return [...seen.values()];
}

/** A computed indicator's value at one place and period (null: an input is missing). */
export async function computedValue(
	db: YolDatabase,
	indicators: readonly Indicator[],
	indicator: Indicator,
	locationId: string,
	period: string
): Promise<number | null> {
	const inputs = inputsOf(indicators, indicator);
	const records = await valuesAtPlace(
		db,
		inputs.map((i) => i.id),
		locationId,
		[period]
	);
	return computeForSlice(indicators, records, { locationId, period }).get(indicator.code) ?? null;
}

export interface LatestValue {
	period: string;
	/** The indicator's one number, when it has one (a total, a sum of all cells, a formula). */
	value: number | null;
	/** For a split indicator whose cells cannot be added (percentages): each cell's value. */
	cells: { cell: string; value: number }[];
}

/**
 * The newest value of each indicator at one place among its last twelve periods: what an area's
 * list shows beside each indicator. Computed ones are worked out from their inputs.
 */
export async function latestValues(
	db: YolDatabase,
	indicators: readonly Indicator[],
	wanted: readonly Indicator[],
	locationId: string,
	today: string
): Promise<Map<string, LatestValue | null>> {
	const result = new Map<string, LatestValue | null>();
	for (const indicator of wanted) {
		const periods = lastPeriods(indicator.periodicity, 12, today).reverse();
		const sources = indicator.formula ? inputsOf(indicators, indicator) : [indicator];
		const records = await valuesAtPlace(
			db,
			sources.map((i) => i.id),
			locationId,
			periods
		);
		result.set(indicator.id, newest(indicators, indicator, records, locationId, periods));
	}
	return result;
}

function newest(
	indicators: readonly Indicator[],
	indicator: Indicator,
	records: readonly LocalValue[],
	locationId: string,
	periods: readonly string[]
): LatestValue | null {
	for (const period of periods) {
		const inPeriod = records.filter((r) => r.period === period && !r.deleted);
		if (indicator.formula) {
			const value = computeForSlice(indicators, inPeriod, { locationId, period }).get(
				indicator.code
			);
			if (value !== null && value !== undefined) return { period, value, cells: [] };
			continue;
		}
		const split = indicator.disaggregations.length > 0 && !isAdditive(indicator.unit);
		if (split) {
			const order = gridCellKeys(indicator.disaggregations);
			const cells = inPeriod
				.filter((r) => r.value !== null)
				.map((r) => ({ cell: r.cell, value: r.value! }))
				.sort((a, b) => order.indexOf(a.cell) - order.indexOf(b.cell));
			if (cells.length) return { period, value: null, cells };
			continue;
		}
		const value = inputValue(indicator, inPeriod);
		if (value !== null) return { period, value, cells: [] };
	}
	return null;
}
