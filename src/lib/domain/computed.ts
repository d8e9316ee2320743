import { gridTotals } from './disaggregation';
import { evaluateFormula, formulaReferences } from './formula';
import type { Indicator, IndicatorValue } from './indicators';
import { isAdditive } from './units';

/**
 * Computed indicators in the catalogue as a whole: which depends on which, cycles that would make
 * a value depend on itself, and evaluation in an order where every input is ready before use.
 */

type CatalogueEntry = Pick<Indicator, 'code' | 'formula'>;

/** code → codes its formula reads (entered indicators have none). */
export function dependencyGraph(indicators: readonly CatalogueEntry[]): Map<string, string[]> {
	return new Map(indicators.map((i) => [i.code, i.formula ? formulaReferences(i.formula) : []]));
}

/**
 * Every cycle among computed indicators, each as the path that closes it: ['E5', 'E6', 'E5'],
 * or ['E7', 'E7'] for a formula reading itself. Each cycle is reported once.
 */
export function findCycles(indicators: readonly CatalogueEntry[]): string[][] {
	const graph = dependencyGraph(indicators);
	const state = new Map<string, 'open' | 'done'>();
	const stack: string[] = [];
	const cycles: string[][] = [];
	const seen = new Set<string>();

	const visit = (code: string): void => {
		state.set(code, 'open');
		stack.push(code);
		for (const next of graph.get(code) ?? []) {
			if (state.get(next) === 'open') {
				const cycle = [...stack.slice(stack.indexOf(next)), next];
				const key = canonical(cycle);
				if (!seen.has(key)) {
					seen.add(key);
					cycles.push(cycle);
				}
			} else if (!state.has(next) && graph.has(next)) {
				visit(next);
			}
		}
		stack.pop();
		state.set(code, 'done');
	};

	for (const code of graph.keys()) if (!state.has(code)) visit(code);
	return cycles;
}

/** The same loop entered at another point is the same cycle: rotate to its smallest code. */
function canonical(cycle: string[]): string {
	const loop = cycle.slice(0, -1);
	const start = loop.indexOf([...loop].sort()[0]!);
	return [...loop.slice(start), ...loop.slice(0, start)].join('>');
}

/**
 * Computed indicators ordered so each comes after the computed indicators it reads. Those on or
 * behind a cycle cannot be ordered and are returned apart, to be shown as "no data".
 */
export function computationOrder(indicators: readonly CatalogueEntry[]): {
	order: string[];
	blocked: string[];
} {
	const graph = dependencyGraph(indicators);
	const computed = new Set(indicators.filter((i) => i.formula).map((i) => i.code));
	const order: string[] = [];
	const placed = new Set<string>();
	const visiting = new Set<string>();
	const blocked = new Set<string>();

	const place = (code: string): boolean => {
		if (placed.has(code)) return true;
		if (blocked.has(code) || visiting.has(code)) return false;
		visiting.add(code);
		let ok = true;
		for (const input of graph.get(code) ?? []) {
			if (computed.has(input) && !place(input)) ok = false;
		}
		visiting.delete(code);
		if (!ok) {
			blocked.add(code);
			return false;
		}
		placed.add(code);
		order.push(code);
		return true;
	};

	for (const code of computed) place(code);
	return { order, blocked: [...blocked] };
}

/**
 * Values of every computed indicator, from the entered values `valueOf` gives. Computed results
 * feed later formulas; anything blocked by a cycle, missing an input or dividing by 0 is null.
 */
export function computeAll(
	indicators: readonly CatalogueEntry[],
	valueOf: (code: string) => number | null | undefined
): Map<string, number | null> {
	const byCode = new Map(indicators.map((i) => [i.code, i]));
	const { order, blocked } = computationOrder(indicators);
	const results = new Map<string, number | null>(blocked.map((code) => [code, null]));
	const lookup = (code: string) => (results.has(code) ? results.get(code) : valueOf(code));
	for (const code of order) {
		const formula = byCode.get(code)?.formula;
		results.set(code, formula ? evaluateFormula(formula, lookup) : null);
	}
	return results;
}

/**
 * The one number of an entered indicator that formulas use for a place and period: its total
 * cell, or, for a split indicator of an additive unit, the sum of its cells when all are filled.
 * A partial sum would make a rate look lower than it is, so it counts as missing.
 */
export function inputValue(
	indicator: Pick<Indicator, 'unit' | 'disaggregations'>,
	records: readonly Pick<IndicatorValue, 'cell' | 'value' | 'deleted'>[]
): number | null {
	const live = records.filter((r) => !r.deleted);
	if (indicator.disaggregations.length === 0 || !isAdditive(indicator.unit)) {
		return live.find((r) => r.cell === 'total')?.value ?? null;
	}
	const cells = new Map(live.map((r) => [r.cell, r.value]));
	const { grand } = gridTotals(indicator.disaggregations, cells);
	return grand.missing ? null : grand.value;
}

/** Computed values for one location and period, from the value records stored for them. */
export function computeForSlice(
	indicators: readonly Indicator[],
	records: readonly IndicatorValue[],
	slice: { locationId: string; period: string }
): Map<string, number | null> {
	const byCode = new Map(indicators.map((i) => [i.code, i]));
	const inSlice = records.filter(
		(r) => r.locationId === slice.locationId && r.period === slice.period
	);
	return computeAll(indicators, (code) => {
		const indicator = byCode.get(code);
		if (!indicator || indicator.formula) return null;
		return inputValue(
			indicator,
			inSlice.filter((r) => r.indicatorId === indicator.id)
		);
	});
}
