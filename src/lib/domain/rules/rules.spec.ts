import { describe, expect, it } from 'vitest';
import { checkAll, checkRule, type RuleContext } from './evaluate';
import { parseRule, readableExpression, ruleReferences, type Rule } from './schema';

const rule = (over: Partial<Rule>): Rule => ({
	id: 'rule-1',
	indicatorId: 'e5',
	kind: 'at_most',
	expression: '#{E6}',
	percent: null,
	note: '',
	active: true,
	...over
});

describe('the rule schema', () => {
	it('accepts each kind with what it needs', () => {
		expect(parseRule(rule({})).ok).toBe(true);
		expect(parseRule(rule({ kind: 'cells_sum', expression: '#{H2}' })).ok).toBe(true);
		expect(parseRule(rule({ kind: 'at_least', expression: '#{E6} * 0.5' })).ok).toBe(true);
		expect(parseRule(rule({ kind: 'change', expression: '', percent: 25 })).ok).toBe(true);
	});

	it('names the field at fault', () => {
		const fields = (input: unknown) => {
			const parsed = parseRule(input);
			return parsed.ok ? [] : parsed.problems.map((p) => p.field);
		};
		expect(fields(rule({ expression: '#{E6' }))).toEqual(['expression']);
		expect(fields(rule({ kind: 'change', expression: '', percent: null }))).toEqual(['percent']);
		expect(fields(rule({ percent: 10 }))).toEqual(['percent']);
		expect(fields(rule({ kind: 'change', expression: '#{E6}', percent: 10 }))).toEqual([
			'expression'
		]);
		expect(fields({ ...rule({}), kind: 'sometimes' })).toEqual(['kind']);
		expect(fields(rule({ kind: 'change', expression: '', percent: -1 }))).toEqual(['percent']);
	});

	it('says where the expression breaks', () => {
		const parsed = parseRule(rule({ expression: '#{E6} +' }));
		expect(parsed.ok).toBe(false);
		if (!parsed.ok) expect(parsed.problems[0]!.message).toMatch(/at position 8/);
	});

	it('reads the codes of its expression and writes them plainly', () => {
		expect(ruleReferences(rule({ expression: '#{E6} + #{E4} * 2' }))).toEqual(['E6', 'E4']);
		expect(ruleReferences(rule({ kind: 'change', expression: '', percent: 5 }))).toEqual([]);
		expect(readableExpression('#{E6} * 1.1')).toBe('E6 * 1.1');
	});
});

const indicators = [
	{ id: 'e5', code: 'E5', unit: 'count' as const, disaggregations: [], formula: null },
	{ id: 'e6', code: 'E6', unit: 'count' as const, disaggregations: [], formula: null },
	{
		id: 'h3',
		code: 'H3',
		unit: 'count' as const,
		disaggregations: ['sex' as const],
		formula: null
	},
	{ id: 'h2', code: 'H2', unit: 'count' as const, disaggregations: [], formula: null },
	{
		id: 'e7',
		code: 'E7',
		unit: 'percent' as const,
		disaggregations: [],
		formula: { numerator: '#{E5}', denominator: '#{E6}', factor: 100 }
	}
];

type Row = { indicatorId: string; period: string; cell: string; value: number | null };
function context(rows: Row[]): RuleContext {
	return {
		indicators,
		recordsOf: (indicatorId, _locationId, period) =>
			rows
				.filter((r) => r.indicatorId === indicatorId && r.period === period)
				.map((r) => ({ cell: r.cell, value: r.value, deleted: false }))
	};
}
const row = (indicatorId: string, period: string, cell: string, value: number | null): Row => ({
	indicatorId,
	period,
	cell,
	value
});

describe('a value at most another indicator’s', () => {
	it('warns when enrolled exceed the school-age children of the same place and period', () => {
		const found = checkRule(
			rule({}),
			context([row('e5', '2026Q3', 'total', 130), row('e6', '2026Q3', 'total', 120)]),
			'ganja',
			'2026Q3'
		);
		expect(found).toEqual([
			{
				ruleId: 'rule-1',
				kind: 'at_most',
				indicatorId: 'e5',
				locationId: 'ganja',
				period: '2026Q3',
				cell: null,
				actual: 130,
				limit: 120
			}
		]);
	});

	it('holds at equality, and checks nothing while either value is missing', () => {
		const equal = context([row('e5', '2026Q3', 'total', 120), row('e6', '2026Q3', 'total', 120)]);
		expect(checkRule(rule({}), equal, 'ganja', '2026Q3')).toEqual([]);
		const alone = context([row('e5', '2026Q3', 'total', 130)]);
		expect(checkRule(rule({}), alone, 'ganja', '2026Q3')).toEqual([]);
		// Another period's E6 does not count.
		const other = context([row('e5', '2026Q3', 'total', 130), row('e6', '2026Q2', 'total', 1)]);
		expect(checkRule(rule({}), other, 'ganja', '2026Q3')).toEqual([]);
	});

	it('at least: the other way round, with arithmetic in the expression', () => {
		const c = context([row('e5', '2026Q3', 'total', 50), row('e6', '2026Q3', 'total', 120)]);
		const found = checkRule(rule({ kind: 'at_least', expression: '#{E6} / 2' }), c, 'g', '2026Q3');
		expect(found).toMatchObject([{ actual: 50, limit: 60 }]);
	});

	it('a switched-off rule checks nothing', () => {
		const c = context([row('e5', '2026Q3', 'total', 130), row('e6', '2026Q3', 'total', 120)]);
		expect(checkRule(rule({ active: false }), c, 'g', '2026Q3')).toEqual([]);
	});
});

describe('cells sum to the total', () => {
	const sumRule = rule({ indicatorId: 'h3', kind: 'cells_sum', expression: '#{H2}' });

	it('warns when the cells add up to another figure than the total', () => {
		const c = context([
			row('h3', '2026-07', 'sex=female', 4),
			row('h3', '2026-07', 'sex=male', 5),
			row('h2', '2026-07', 'total', 10)
		]);
		expect(checkRule(sumRule, c, 'g', '2026-07')).toMatchObject([
			{ cell: null, actual: 9, limit: 10 }
		]);
	});

	it('holds when they match, decimals included; waits until every cell is filled', () => {
		const c = context([
			row('h3', '2026-07', 'sex=female', 0.1),
			row('h3', '2026-07', 'sex=male', 0.2),
			row('h2', '2026-07', 'total', 0.3)
		]);
		expect(checkRule(sumRule, c, 'g', '2026-07')).toEqual([]);
		const half = context([
			row('h3', '2026-07', 'sex=female', 4),
			row('h2', '2026-07', 'total', 10)
		]);
		expect(checkRule(sumRule, half, 'g', '2026-07')).toEqual([]);
	});
});

describe('change from the last period', () => {
	const changeRule = rule({ indicatorId: 'h3', kind: 'change', expression: '', percent: 20 });

	it('warns at each cell that moved by more than ±N %', () => {
		const c = context([
			row('h3', '2026-06', 'sex=female', 100),
			row('h3', '2026-06', 'sex=male', 100),
			row('h3', '2026-07', 'sex=female', 125),
			row('h3', '2026-07', 'sex=male', 80)
		]);
		const found = checkRule(changeRule, c, 'g', '2026-07');
		expect(found).toHaveLength(1);
		expect(found[0]).toMatchObject({ cell: 'sex=female', actual: 125, limit: 100, change: 25 });
	});

	it('a fall counts as much as a rise; a first value or one after 0 is no jump', () => {
		const fall = context([row('e5', '2026Q2', 'total', 100), row('e5', '2026Q3', 'total', 70)]);
		const r = rule({ kind: 'change', expression: '', percent: 20 });
		expect(checkRule(r, fall, 'g', '2026Q3')).toMatchObject([{ change: -30 }]);
		const first = context([row('e5', '2026Q3', 'total', 70)]);
		expect(checkRule(r, first, 'g', '2026Q3')).toEqual([]);
		const fromZero = context([row('e5', '2026Q2', 'total', 0), row('e5', '2026Q3', 'total', 70)]);
		expect(checkRule(r, fromZero, 'g', '2026Q3')).toEqual([]);
	});
});

describe('several rules', () => {
	it('reads computed indicators in expressions', () => {
		const c = context([row('e5', '2026Q3', 'total', 60), row('e6', '2026Q3', 'total', 120)]);
		// E5 at most E7 (50 %) × 1: 60 > 50.
		const found = checkAll(
			[rule({ expression: '#{E7}' }), rule({ id: 'rule-2', expression: '#{E6}' })],
			c,
			'g',
			'2026Q3'
		);
		expect(found.map((v) => [v.ruleId, v.limit])).toEqual([['rule-1', 50]]);
	});
});
