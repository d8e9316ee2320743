import { describe, expect, it } from 'vitest';
import {
	SHOWN_STATUSES,
	monthRange,
	periodBounds,
	readFilters,
	withStatus,
	writeFilters
} from './filters';

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

describe('the status filter', () => {
	// A place's figures: H1 has no value yet; H2 has one, but is a count held to no local target.
	const rows = [
		{ code: 'H1', comparable: true, progress: { status: 'no_data' as const } },
		{ code: 'H2', comparable: false, progress: { status: 'no_data' as const } },
		{ code: 'H3', comparable: true, progress: { status: 'on_track' as const } },
		{ code: 'H4', comparable: true, progress: { status: 'off_track' as const } }
	];
	const codes = (status: (typeof SHOWN_STATUSES)[number] | null) =>
		withStatus(rows, status).map((r) => r.code);

	it('"No data" keeps only rows without data, not those without a local target', () => {
		expect(codes('no_data')).toEqual(['H1']);
		expect(codes('not_comparable')).toEqual(['H2']);
	});

	it('keeps, for each status, exactly the rows whose badge says it', () => {
		for (const status of SHOWN_STATUSES) {
			for (const row of withStatus(rows, status)) {
				expect(row.comparable ? row.progress.status : 'not_comparable').toBe(status);
			}
		}
		expect(codes('on_track')).toEqual(['H3']);
		expect(codes(null)).toEqual(['H1', 'H2', 'H3', 'H4']);
	});

	it('is read from the URL for "No local target" too', () => {
		expect(readFilters(new URLSearchParams('status=not_comparable')).status).toBe('not_comparable');
	});
});
