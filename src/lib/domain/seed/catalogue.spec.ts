import { describe, expect, it } from 'vitest';
import { AREAS } from '../areas';
import { findCycles } from '../computed';
import { checkFormula, formulaReferences } from '../formula';
import { parseIndicator } from '../indicators';
import { LANGUAGES } from '../languages';
import { SEED_INDICATORS } from './catalogue';

describe('seed catalogue', () => {
	it('holds 30–36 indicators, 8 or 9 in each area', () => {
		expect(SEED_INDICATORS.length).toBeGreaterThanOrEqual(30);
		expect(SEED_INDICATORS.length).toBeLessThanOrEqual(36);
		for (const area of AREAS) {
			const count = SEED_INDICATORS.filter((i) => i.area === area).length;
			expect(count, area).toBeGreaterThanOrEqual(8);
			expect(count, area).toBeLessThanOrEqual(9);
		}
	});

	it.each(SEED_INDICATORS.map((i) => [i.code, i] as const))('%s passes its schema', (_, i) => {
		const parsed = parseIndicator(i);
		expect(parsed.ok ? [] : parsed.problems).toEqual([]);
	});

	it('has unique codes and ids', () => {
		const codes = SEED_INDICATORS.map((i) => i.code);
		const ids = SEED_INDICATORS.map((i) => i.id);
		expect(new Set(codes).size).toBe(codes.length);
		expect(new Set(ids).size).toBe(ids.length);
	});

	it('names and defines every indicator in all three languages', () => {
		for (const i of SEED_INDICATORS) {
			for (const lang of LANGUAGES) {
				expect(i.name[lang].trim(), `${i.code} name ${lang}`).not.toBe('');
				expect(i.definition[lang].trim(), `${i.code} definition ${lang}`).not.toBe('');
			}
		}
	});

	it('writes Azerbaijani in Latin letters and Russian in Cyrillic', () => {
		for (const i of SEED_INDICATORS) {
			expect(i.name.az, i.code).not.toMatch(/[а-яё]/i);
			expect(i.name.ru, i.code).toMatch(/[а-яё]/i);
		}
	});

	it('has a few computed indicators whose formulas read existing entered indicators', () => {
		const computed = SEED_INDICATORS.filter((i) => i.formula);
		expect(computed.length).toBeGreaterThanOrEqual(2);
		const codes = SEED_INDICATORS.map((i) => i.code);
		for (const i of computed) {
			expect(checkFormula(i.formula!, codes), i.code).toEqual([]);
			for (const code of formulaReferences(i.formula!)) {
				const input = SEED_INDICATORS.find((other) => other.code === code)!;
				// A formula combines values of the same period, so its inputs share its periodicity.
				expect(input.periodicity, `${i.code} reads ${code}`).toBe(i.periodicity);
			}
		}
		expect(findCycles(SEED_INDICATORS)).toEqual([]);
	});

	it('includes lower-is-better indicators and sets targets on the right side of baselines', () => {
		expect(SEED_INDICATORS.some((i) => i.direction === 'decrease')).toBe(true);
		for (const i of SEED_INDICATORS) {
			const [from, to] = [i.baseline!.value, i.target!.value];
			if (i.direction === 'increase') expect(to, i.code).toBeGreaterThanOrEqual(from);
			else expect(to, i.code).toBeLessThan(from);
		}
	});
});
