import { describe, expect, it } from 'vitest';
import type { Indicator, IndicatorValue } from '../indicators';
import { buildCube, byPlace, combine, placeValue, series } from './rollup';

function indicator(code: string, extra: Partial<Indicator> = {}): Indicator {
	return {
		id: `ind-${code.toLowerCase()}`,
		code,
		area: 'labour',
		name: { az: code, en: code, ru: code },
		definition: { az: '', en: '', ru: '' },
		unit: 'count',
		direction: 'increase',
		baseline: null,
		target: null,
		periodicity: 'quarterly',
		disaggregations: [],
		responsibleBody: { az: '', en: '', ru: '' },
		dataSource: { az: '', en: '', ru: '' },
		formula: null,
		...extra
	};
}

let n = 0;
function value(
	ind: Indicator,
	locationId: string,
	period: string,
	v: number | null,
	cell = 'total',
	deleted = false
): IndicatorValue {
	n += 1;
	return {
		id: `v-${n}`,
		indicatorId: ind.id,
		locationId,
		period,
		cell,
		value: v,
		comment: '',
		updatedAt: '2026-01-01T00:00:00.000Z',
		updatedBy: 'test',
		rev: 1,
		deleted
	};
}

const jobseekers = indicator('L1');
const employed = indicator('L2');
const rate = indicator('L3', {
	unit: 'percent',
	formula: { numerator: '#{L2}', denominator: '#{L1}', factor: 100 }
});
const share = indicator('L4', { unit: 'percent' });
const bySex = indicator('L5', { disaggregations: ['sex'] });
const pctBySex = indicator('L6', { unit: 'percent', disaggregations: ['sex'] });
const catalogue = [jobseekers, employed, rate, share, bySex, pctBySex];

describe('roll-up over places', () => {
	it('sums counts and averages percentages of the places that reported', () => {
		const cube = buildCube([
			value(jobseekers, 'a', '2026Q1', 10),
			value(jobseekers, 'b', '2026Q1', 30),
			value(jobseekers, 'c', '2026Q1', null),
			value(share, 'a', '2026Q1', 40),
			value(share, 'b', '2026Q1', 60)
		]);
		expect(series(jobseekers, catalogue, cube, null)).toMatchObject([
			{ period: '2026Q1', value: 40, places: 2 }
		]);
		expect(series(share, catalogue, cube, null)[0]?.value).toBe(50);
		expect(series(jobseekers, catalogue, cube, new Set(['b', 'c']))[0]?.value).toBe(30);
	});

	it('leaves out deleted records and empty values', () => {
		const cube = buildCube([
			value(jobseekers, 'a', '2026Q1', 10, 'total', true),
			value(jobseekers, 'b', '2026Q1', 5)
		]);
		expect(series(jobseekers, catalogue, cube, null)[0]).toMatchObject({ value: 5, places: 1 });
	});

	it('applies a formula to the summed inputs, not to the mean of district rates', () => {
		const cube = buildCube([
			value(jobseekers, 'a', '2026Q1', 100),
			value(employed, 'a', '2026Q1', 50),
			value(jobseekers, 'b', '2026Q1', 300),
			value(employed, 'b', '2026Q1', 30)
		]);
		// (50 + 30) / (100 + 300) = 20 %, where a mean of 50 % and 10 % would say 30 %.
		expect(series(rate, catalogue, cube, null)).toMatchObject([{ period: '2026Q1', value: 20 }]);
		expect(series(rate, catalogue, cube, new Set(['b']))[0]?.value).toBe(10);
	});

	it('sums a split count only when every cell is filled, and rolls each cell up too', () => {
		const cube = buildCube([
			value(bySex, 'a', '2026Q1', 4, 'sex=female'),
			value(bySex, 'a', '2026Q1', 6, 'sex=male'),
			value(bySex, 'b', '2026Q1', 3, 'sex=female')
		]);
		const [point] = series(bySex, catalogue, cube, null);
		expect(point).toMatchObject({ value: 10, places: 1 });
		expect(Object.fromEntries(point!.cells)).toEqual({ 'sex=female': 7, 'sex=male': 6 });
		expect(Object.fromEntries(byPlace(bySex, cube, '2026Q1', null))).toEqual({ a: 10 });
	});

	it('takes the mean of the groups for a split percentage', () => {
		expect(
			placeValue(
				pctBySex,
				new Map([
					['sex=female', 30],
					['sex=male', 50]
				])
			)
		).toBe(40);
		expect(placeValue(pctBySex, new Map())).toBeNull();
	});

	it('orders periods and keeps gaps as gaps', () => {
		const cube = buildCube([
			value(jobseekers, 'a', '2026Q3', 3),
			value(jobseekers, 'a', '2025Q4', 1)
		]);
		expect(series(jobseekers, catalogue, cube, null).map((p) => p.period)).toEqual([
			'2025Q4',
			'2026Q3'
		]);
	});

	it('combines nothing into nothing', () => {
		expect(combine(true, [])).toBeNull();
		expect(combine(false, [2, 4])).toBe(3);
	});
});
