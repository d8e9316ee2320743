import { describe, expect, it } from 'vitest';
import { duePeriods } from './expected';
import { completeness, gridCell, share } from './grid';

describe('the values a period expects, by periodicity', () => {
	it('a quarter: its three months, itself, and a year only in the quarter the year ends', () => {
		expect(duePeriods('monthly', '2026Q3')).toEqual(['2026-07', '2026-08', '2026-09']);
		expect(duePeriods('quarterly', '2026Q3')).toEqual(['2026Q3']);
		expect(duePeriods('yearly', '2026Q3')).toEqual([]);
		expect(duePeriods('yearly', '2026Q4')).toEqual(['2026']);
	});

	it('a year: twelve months, four quarters, one year', () => {
		expect(duePeriods('monthly', '2026')).toHaveLength(12);
		expect(duePeriods('quarterly', '2026')).toEqual(['2026Q1', '2026Q2', '2026Q3', '2026Q4']);
		expect(duePeriods('yearly', '2026')).toEqual(['2026']);
	});

	it('a month: itself, and the quarter or year that ends with it', () => {
		expect(duePeriods('monthly', '2026-08')).toEqual(['2026-08']);
		expect(duePeriods('quarterly', '2026-08')).toEqual([]);
		expect(duePeriods('quarterly', '2026-09')).toEqual(['2026Q3']);
		expect(duePeriods('yearly', '2026-12')).toEqual(['2026']);
	});

	it('refuses what is not a period', () => {
		expect(() => duePeriods('monthly', '2026 Q3')).toThrow(RangeError);
	});
});

const locations = [
	{ id: 'az', parentId: null },
	{ id: 'reg-g', parentId: 'az' },
	{ id: 'reg-b', parentId: 'az' },
	{ id: 'ganja', parentId: 'reg-g' },
	{ id: 'dashkasan', parentId: 'reg-g' },
	{ id: 'yasamal', parentId: 'reg-b' }
];
const H2 = {
	id: 'h2',
	area: 'housing' as const,
	periodicity: 'quarterly' as const,
	formula: null,
	disaggregations: []
};
const L1 = {
	id: 'l1',
	area: 'labour' as const,
	periodicity: 'monthly' as const,
	formula: null,
	disaggregations: ['sex' as const]
};
const L3 = {
	id: 'l3',
	area: 'labour' as const,
	periodicity: 'monthly' as const,
	formula: { numerator: '#{L2}', denominator: '#{L1}', factor: 100 },
	disaggregations: []
};
const v = (
	indicatorId: string,
	locationId: string,
	period: string,
	cell: string,
	value: number | null,
	updatedAt = '2026-10-02T09:00:00.000Z',
	deleted = false
) => ({ indicatorId, locationId, period, cell, value, updatedAt, deleted });

describe('the completeness grid', () => {
	const grid = completeness({
		period: '2026Q3',
		indicators: [H2, L1, L3],
		locations,
		places: ['ganja', 'dashkasan', 'yasamal'],
		values: [
			v('h2', 'ganja', '2026Q3', 'total', 12, '2026-10-01T08:00:00.000Z'),
			v('h2', 'dashkasan', '2026Q3', 'total', 0),
			// L1 in Ganja: July whole, August half, September nothing.
			v('l1', 'ganja', '2026-07', 'sex=female', 5),
			v('l1', 'ganja', '2026-07', 'sex=male', 4, '2026-08-03T10:00:00.000Z'),
			v('l1', 'ganja', '2026-08', 'sex=female', 6),
			// Deleted, emptied, outside the period or the places: not counted.
			v('h2', 'yasamal', '2026Q3', 'total', 3, '2026-10-05T00:00:00.000Z', true),
			v('l1', 'dashkasan', '2026-07', 'sex=female', null),
			v('l1', 'dashkasan', '2026-07', 'sex=male', 1),
			v('h2', 'ganja', '2026Q2', 'total', 9),
			v('h2', 'elsewhere', '2026Q3', 'total', 9)
		]
	});

	it('expects nothing of a computed indicator', () => {
		expect(grid.indicators).toEqual(['h2', 'l1']);
	});

	it('counts each place × indicator: expected, complete, started, last entry', () => {
		expect(gridCell(grid, 'ganja', 'h2')).toMatchObject({
			expected: 1,
			complete: 1,
			lastEntry: '2026-10-01T08:00:00.000Z',
			open: []
		});
		expect(gridCell(grid, 'ganja', 'l1')).toMatchObject({
			expected: 3,
			complete: 1,
			started: 1,
			open: ['2026-08', '2026-09']
		});
		// A zero is a value; a deleted value is not, though it dates the last work on it.
		expect(gridCell(grid, 'dashkasan', 'h2')).toMatchObject({ complete: 1 });
		expect(gridCell(grid, 'yasamal', 'h2')).toMatchObject({
			complete: 0,
			lastEntry: '2026-10-05T00:00:00.000Z'
		});
		expect(gridCell(grid, 'dashkasan', 'l1')).toMatchObject({ complete: 0, started: 1 });
	});

	it('rolls up per place, indicator, area and region', () => {
		// 3 places × (1 quarterly + 3 monthly) = 12 expected; complete: H2 ×2, L1 Ganja July.
		expect(grid.total).toMatchObject({ expected: 12, complete: 3 });
		expect(share(grid.total)).toBe(0.25);
		expect(grid.byRegion.get('reg-g')).toMatchObject({ expected: 8, complete: 3 });
		expect(grid.byRegion.get('reg-b')).toMatchObject({ expected: 4, complete: 0 });
		expect(grid.byArea.get('housing')).toMatchObject({ expected: 3, complete: 2 });
		expect(grid.byArea.get('labour')).toMatchObject({ expected: 9, complete: 1 });
		expect(grid.byRegionArea.get('reg-g')?.get('labour')).toMatchObject({
			expected: 6,
			complete: 1
		});
		expect(grid.byPlace.get('ganja')).toMatchObject({
			expected: 4,
			complete: 2,
			lastEntry: '2026-10-02T09:00:00.000Z'
		});
		expect(grid.byIndicator.get('l1')).toMatchObject({ expected: 9, complete: 1, started: 2 });
	});

	it('lists the open items, started ones marked', () => {
		expect(grid.open).toHaveLength(12 - 3);
		expect(grid.open).toContainEqual({
			indicatorId: 'l1',
			locationId: 'ganja',
			period: '2026-08',
			started: true
		});
		expect(grid.open).toContainEqual({
			indicatorId: 'h2',
			locationId: 'yasamal',
			period: '2026Q3',
			started: false
		});
	});

	it('a yearly indicator counts in the fourth quarter only', () => {
		const yearly = { ...H2, id: 'e1', periodicity: 'yearly' as const };
		const input = { indicators: [yearly], locations, places: ['ganja'], values: [] };
		expect(completeness({ ...input, period: '2026Q3' }).total.expected).toBe(0);
		expect(completeness({ ...input, period: '2026Q4' }).total.expected).toBe(1);
		expect(share(completeness({ ...input, period: '2026Q3' }).total)).toBeNull();
	});
});
