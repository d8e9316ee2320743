import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computationOrder, computeAll, findCycles } from './computed';
import {
	checkFormula,
	evaluateFormula,
	formulaReferences,
	parseExpression,
	printExpression,
	type Expr,
	type Formula
} from './formula';

const values: Record<string, number | null> = { L1: 200, L2: 30, L3: null, E5: 40, E6: 80, Z0: 0 };
const valueOf = (code: string) => values[code] ?? null;
const rate = (numerator: string, denominator = '1', factor = 1): Formula => ({
	numerator,
	denominator,
	factor
});

describe('parsing', () => {
	it('respects precedence and brackets', () => {
		expect(evaluateFormula(rate('2 + 3 * 4'), valueOf)).toBe(14);
		expect(evaluateFormula(rate('(2 + 3) * 4'), valueOf)).toBe(20);
		expect(evaluateFormula(rate('10 - 4 - 3'), valueOf)).toBe(3);
		expect(evaluateFormula(rate('-#{L2} + 50'), valueOf)).toBe(20);
		expect(evaluateFormula(rate('1.5 * 2'), valueOf)).toBe(3);
	});

	it('reports syntax errors with the position they start at', () => {
		const cases: [string, string, number][] = [
			['#{L1} +', 'unexpected_end', 7],
			['#{L1} * * 2', 'unexpected_token', 8],
			['(#{L1} + 2', 'unexpected_end', 10],
			['#{L1} + 2)', 'unexpected_token', 9],
			['#{L1', 'unclosed_reference', 0],
			['#L1', 'bad_reference', 0],
			['#{L 1}', 'bad_reference', 0],
			['#{L1} % 2', 'unexpected_character', 6],
			['   ', 'empty', 0]
		];
		for (const [source, code, position] of cases) {
			const parsed = parseExpression(source);
			expect(parsed.ok, source).toBe(false);
			if (!parsed.ok)
				expect([parsed.error.code, parsed.error.position], source).toEqual([code, position]);
		}
	});

	it('lists the codes a formula reads, once each', () => {
		expect(formulaReferences(rate('#{L2} + #{L2} * #{E5}', '#{L1}'))).toEqual(['L2', 'E5', 'L1']);
		expect(formulaReferences(rate('#{L2} +', '#{L1}'))).toEqual(['L1']);
	});

	const leaf: fc.Arbitrary<Expr> = fc.oneof(
		fc.integer({ min: 0, max: 1000 }).map((value) => ({ kind: 'num' as const, value })),
		fc.constantFrom('H1', 'E3', 'L12', 'D4').map((code) => ({ kind: 'ref' as const, code }))
	);
	const tree = fc.letrec<{ expr: Expr }>((tie) => ({
		expr: fc.oneof(
			{ depthSize: 'small', withCrossShrink: true },
			leaf,
			fc.record({ kind: fc.constant('neg' as const), operand: tie('expr') }),
			fc.record({
				kind: fc.constant('bin' as const),
				op: fc.constantFrom('+' as const, '-' as const, '*' as const, '/' as const),
				left: tie('expr'),
				right: tie('expr')
			})
		)
	})).expr;

	it('parses what it prints back to the same tree', () => {
		fc.assert(
			fc.property(tree, (expr) => {
				const parsed = parseExpression(printExpression(expr));
				expect(parsed).toEqual({ ok: true, expr });
			})
		);
	});
});

describe('evaluation', () => {
	it('computes numerator ÷ denominator × factor', () => {
		expect(evaluateFormula(rate('#{L2}', '#{L1}', 100), valueOf)).toBe(15);
		expect(evaluateFormula(rate('#{E5} + #{L2}', '#{E6} - 10', 1), valueOf)).toBe(1);
	});

	it('gives no value, not zero or infinity, when the denominator is 0', () => {
		expect(evaluateFormula(rate('#{L2}', '#{Z0}', 100), valueOf)).toBeNull();
		expect(evaluateFormula(rate('#{L2} / (#{L1} - 200)', '1'), valueOf)).toBeNull();
	});

	it('gives no value when an input is missing', () => {
		expect(evaluateFormula(rate('#{L3}', '#{L1}', 100), valueOf)).toBeNull();
		expect(evaluateFormula(rate('#{NOPE}', '1'), valueOf)).toBeNull();
	});

	it('treats an input of 0 as a value', () => {
		expect(evaluateFormula(rate('#{Z0}', '#{L1}', 100), valueOf)).toBe(0);
	});
});

describe('checking', () => {
	it('accepts a sound formula', () => {
		expect(checkFormula(rate('#{L2}', '#{L1}', 100), ['L1', 'L2'])).toEqual([]);
	});

	it('names unknown codes, syntax errors and a zero factor', () => {
		const problems = checkFormula(rate('#{L2} + #{X9}', '#{L1} *', 0), ['L1', 'L2']);
		expect(problems).toEqual([
			{ part: 'numerator', kind: 'unknown_code', code: 'X9' },
			{ part: 'denominator', kind: 'syntax', error: expect.objectContaining({ position: 7 }) },
			{ part: 'factor', kind: 'bad_factor', factor: 0 }
		]);
	});
});

const entered = (code: string) => ({ code, formula: null });
const computed = (code: string, numerator: string, denominator = '1') => ({
	code,
	formula: rate(numerator, denominator, 1)
});

describe('cycles and order', () => {
	it('finds a formula reading itself', () => {
		expect(findCycles([computed('E7', '#{E7} + 1')])).toEqual([['E7', 'E7']]);
	});

	it('finds a two-step and a three-step cycle, each once', () => {
		const catalogue = [
			entered('E1'),
			computed('E5', '#{E6}', '#{E1}'),
			computed('E6', '#{E5}'),
			computed('L1', '#{L2}'),
			computed('L2', '#{L3}'),
			computed('L3', '#{L1} + #{E1}')
		];
		const cycles = findCycles(catalogue);
		expect(cycles).toHaveLength(2);
		expect(cycles).toContainEqual(['E5', 'E6', 'E5']);
		expect(cycles).toContainEqual(['L1', 'L2', 'L3', 'L1']);
	});

	it('finds no cycle in a chain or a diamond', () => {
		expect(
			findCycles([
				entered('A1'),
				computed('B1', '#{A1}'),
				computed('C1', '#{A1}'),
				computed('D1', '#{B1} + #{C1}')
			])
		).toEqual([]);
	});

	it('computes chained indicators in dependency order, whatever the catalogue order', () => {
		const catalogue = [
			computed('D1', '#{C1} * 2'),
			computed('C1', '#{A1}', '#{B1}'),
			entered('A1'),
			entered('B1')
		];
		expect(computationOrder(catalogue).order).toEqual(['C1', 'D1']);
		const results = computeAll(catalogue, (code) => ({ A1: 30, B1: 10 })[code] ?? null);
		expect(results.get('C1')).toBe(3);
		expect(results.get('D1')).toBe(6);
	});

	it('leaves indicators on or behind a cycle without a value', () => {
		const catalogue = [
			computed('E5', '#{E6}'),
			computed('E6', '#{E5}'),
			computed('E7', '#{E5} + 1'),
			computed('E8', '2')
		];
		const { blocked } = computationOrder(catalogue);
		expect(blocked.sort()).toEqual(['E5', 'E6', 'E7']);
		const results = computeAll(catalogue, () => 1);
		expect(results.get('E7')).toBeNull();
		expect(results.get('E8')).toBe(2);
	});
});
