import { describe, expect, it } from 'vitest';
import { computeForSlice } from '../computed';
import { parseIndicatorValue, valueProblemsFor } from '../indicators';
import { periodEnd } from '../periods';
import { assessProgress } from '../progress';
import { valueId } from '../value-id';
import { SEED_INDICATORS } from './catalogue';
import { demoValueCount, generateDemoValues } from './demo-values';

const values = generateDemoValues();

describe('demo values', () => {
	it('are the same on every run and change with the seed', () => {
		const again = generateDemoValues();
		expect(again).toEqual(values);
		const other = generateDemoValues({ seed: 7 });
		expect(other.map((v) => v.value)).not.toEqual(values.map((v) => v.value));
	});

	it('number what demoValueCount says, with unique ids', () => {
		expect(values.length).toBe(demoValueCount());
		expect(demoValueCount({ from: '2025-01-01', to: '2025-03-31' })).toBeLessThan(values.length);
		expect(new Set(values.map((v) => v.id)).size).toBe(values.length);
	});

	it('are valid records for their indicators', () => {
		const byId = new Map(SEED_INDICATORS.map((i) => [i.id, i]));
		for (const record of values) {
			const parsed = parseIndicatorValue(record);
			expect(parsed.ok ? [] : parsed.problems).toEqual([]);
			expect(valueProblemsFor(record, byId.get(record.indicatorId)!)).toEqual([]);
		}
	});

	it('cover every entered indicator and no computed one', () => {
		const covered = new Set(values.map((v) => v.indicatorId));
		for (const i of SEED_INDICATORS) expect(covered.has(i.id), i.code).toBe(!i.formula);
	});

	it('give computed indicators something to compute', () => {
		const computed = computeForSlice(SEED_INDICATORS, values, {
			locationId: 'dist-yasamal',
			period: '2026Q2'
		});
		expect(computed.get('E7')).toBeGreaterThan(0);
		expect(computed.get('D9')).toBeGreaterThan(0);
	});

	it('show a mix of statuses at the national level', () => {
		const statuses = new Set<string>();
		for (const indicator of SEED_INDICATORS.filter((i) => !i.formula)) {
			const byPeriod = new Map<string, number>();
			for (const v of values) {
				if (v.indicatorId !== indicator.id || v.value === null) continue;
				byPeriod.set(v.period, (byPeriod.get(v.period) ?? 0) + v.value);
			}
			// Only additive indicators sum to a national figure; that is enough to see the spread.
			if (indicator.unit !== 'count') continue;
			const observations = [...byPeriod].map(([period, value]) => ({
				date: periodEnd(period),
				value
			}));
			statuses.add(assessProgress(indicator, observations).status);
		}
		expect(statuses.has('on_track')).toBe(true);
		expect(statuses.size).toBeGreaterThan(1);
	});
});

describe('demo value ids', () => {
	it('are the natural-key ids data entry writes, so editing a demo value updates it', () => {
		const [first] = generateDemoValues();
		expect(first!.id).toBe(
			valueId(first!.indicatorId, first!.locationId, first!.period, first!.cell)
		);
	});
});
