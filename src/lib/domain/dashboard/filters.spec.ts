import { describe, expect, it } from 'vitest';
import { monthRange, periodBounds, readFilters, writeFilters } from './filters';

describe('dashboard filters in the URL', () => {
	it('reads what it wrote, leaving defaults out', () => {
		const filters = readFilters(
			new URLSearchParams('from=2025-03&to=2026-06&location=reg-ganja&area=labour&status=at_risk')
		);
		expect(filters).toEqual({
			from: '2025-03',
			to: '2026-06',
			location: 'reg-ganja',
			area: 'labour',
			status: 'at_risk',
			sort: 'code'
		});
		expect(writeFilters(filters)).toBe(
			'?from=2025-03&to=2026-06&location=reg-ganja&area=labour&status=at_risk'
		);
		expect(writeFilters(readFilters(new URLSearchParams()))).toBe('');
	});

	it('ignores what it does not know and puts a reversed range right', () => {
		const filters = readFilters(
			new URLSearchParams('from=2026-13&area=moon&status=great&sort=size&to=2025-02')
		);
		expect(filters).toMatchObject({ from: null, to: '2025-02', area: null, status: null });
		expect(readFilters(new URLSearchParams('from=2026-05&to=2025-02'))).toMatchObject({
			from: '2025-02',
			to: '2026-05'
		});
	});

	it('defaults to the start of the Roadmap up to this month', () => {
		const indicators = [{ baseline: { value: 1, date: '2025-01-01' } }, { baseline: null }];
		expect(monthRange({ from: null, to: null }, indicators, '2026-11-23')).toEqual({
			from: '2025-01',
			to: '2026-11'
		});
	});

	it('finds the periods of each periodicity that start in the range', () => {
		const range = { from: '2025-02', to: '2026-11' };
		expect(periodBounds('monthly', range)).toEqual({ first: '2025-02', last: '2026-11' });
		expect(periodBounds('quarterly', range)).toEqual({ first: '2025Q2', last: '2026Q4' });
		expect(periodBounds('yearly', range)).toEqual({ first: '2026', last: '2026' });
		expect(periodBounds('yearly', { from: '2026-02', to: '2026-05' })).toBeNull();
	});
});
