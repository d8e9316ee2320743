import { computeAll, inputValue } from '../computed';
import { gridCellKeys } from '../disaggregation';
import { evaluateExpression, parseExpression } from '../formula';
import type { Indicator, IndicatorValue } from '../indicators';
import { previousPeriod } from '../periods';
import type { Rule } from './schema';

/**
 * Checks values against the validation rules. Everything here reads one place at a time: the
 * caller says how to find an indicator's records for a place and period (`recordsOf`), from the
 * entry grid's live values or from a whole period's worth read for the checks page.
 */

export interface Violation {
	ruleId: string;
	kind: Rule['kind'];
	indicatorId: string;
	locationId: string;
	period: string;
	/** The cell at fault (a change rule), or null for the indicator's value as a whole. */
	cell: string | null;
	/** The value checked: the cell, the indicator's value, or the cells' sum. */
	actual: number;
	/** What it was held against: the expression's value, or the previous period's value. */
	limit: number;
	/** For a change rule: the allowed change in per cent and the change found. */
	percent?: number;
	change?: number;
}

type RuleRecord = Pick<IndicatorValue, 'cell' | 'value' | 'deleted'>;
type CatalogueEntry = Pick<Indicator, 'id' | 'code' | 'unit' | 'disaggregations' | 'formula'>;

export interface RuleContext {
	indicators: readonly CatalogueEntry[];
	recordsOf: (indicatorId: string, locationId: string, period: string) => readonly RuleRecord[];
}

/** Sums and ratios of decimals are not exact: 0.1 + 0.2 must still equal 0.3. */
const EPSILON = 1e-9;
const equal = (a: number, b: number) =>
	Math.abs(a - b) <= EPSILON * Math.max(1, Math.abs(a), Math.abs(b));

function live(records: readonly RuleRecord[]): Map<string, number> {
	const cells = new Map<string, number>();
	for (const r of records) {
		if (!r.deleted && r.value !== null && Number.isFinite(r.value)) cells.set(r.cell, r.value);
	}
	return cells;
}

/** The value of an expression at a place and period: entered indicators' values, computed ones too. */
function expressionValue(
	expression: string,
	context: RuleContext,
	locationId: string,
	period: string
): number | null {
	const parsed = parseExpression(expression);
	if (!parsed.ok) return null;
	const byCode = new Map(context.indicators.map((i) => [i.code, i]));
	const entered = (code: string): number | null => {
		const indicator = byCode.get(code);
		if (!indicator || indicator.formula) return null;
		return inputValue(indicator, context.recordsOf(indicator.id, locationId, period));
	};
	let computed: Map<string, number | null> | undefined;
	return evaluateExpression(parsed.expr, (code) => {
		const indicator = byCode.get(code);
		if (!indicator) return null;
		if (!indicator.formula) return entered(code);
		computed ??= computeAll(context.indicators, entered);
		return computed.get(code) ?? null;
	});
}

/**
 * What one rule finds wrong at one place and period; empty when it holds, is switched off, or
 * cannot be checked yet (a missing input, a cell not filled, no previous value): an empty field
 * is the completeness grid's business, not a rule's.
 */
export function checkRule(
	rule: Rule,
	context: RuleContext,
	locationId: string,
	period: string
): Violation[] {
	if (!rule.active) return [];
	const indicator = context.indicators.find((i) => i.id === rule.indicatorId);
	if (!indicator || indicator.formula) return [];
	const records = context.recordsOf(indicator.id, locationId, period);
	const base = { ruleId: rule.id, kind: rule.kind, indicatorId: indicator.id, locationId, period };

	if (rule.kind === 'change') {
		const now = live(records);
		const before = live(context.recordsOf(indicator.id, locationId, previousPeriod(period)));
		const allowed = rule.percent ?? 0;
		const found: Violation[] = [];
		for (const cell of gridCellKeys(indicator.disaggregations)) {
			const actual = now.get(cell);
			const limit = before.get(cell);
			// From 0 any change is infinite: a first value is not a jump.
			if (actual === undefined || limit === undefined || limit === 0) continue;
			const change = ((actual - limit) / Math.abs(limit)) * 100;
			if (Math.abs(change) > allowed + EPSILON) {
				found.push({ ...base, cell, actual, limit, percent: allowed, change });
			}
		}
		return found;
	}

	const limit = expressionValue(rule.expression, context, locationId, period);
	if (limit === null) return [];
	if (rule.kind === 'cells_sum') {
		const cells = live(records);
		const keys = gridCellKeys(indicator.disaggregations);
		if (!keys.every((k) => cells.has(k))) return [];
		const actual = keys.reduce((sum, k) => sum + cells.get(k)!, 0);
		return equal(actual, limit) ? [] : [{ ...base, cell: null, actual, limit }];
	}
	const actual = inputValue(indicator, records);
	if (actual === null) return [];
	const holds =
		rule.kind === 'at_most'
			? actual <= limit || equal(actual, limit)
			: actual >= limit || equal(actual, limit);
	return holds ? [] : [{ ...base, cell: null, actual, limit }];
}

/** Every rule about an indicator (or reading it) checked at one place and period. */
export function checkAll(
	rules: readonly Rule[],
	context: RuleContext,
	locationId: string,
	period: string
): Violation[] {
	return rules.flatMap((rule) => checkRule(rule, context, locationId, period));
}
