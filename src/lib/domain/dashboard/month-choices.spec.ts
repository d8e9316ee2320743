import { describe, expect, it } from 'vitest';
import { monthChoices } from './month-choices';

describe('monthChoices', () => {
	it('groups the months the figures span by year', () => {
		expect(monthChoices({ from: '2025-11', to: '2026-02' }, '2026-01')).toEqual([
			{ year: '2025', months: ['2025-11', '2025-12'] },
			{ year: '2026', months: ['2026-01', '2026-02'] }
		]);
	});

	it('widens the span to take in a picked month outside it', () => {
		expect(monthChoices({ from: '2026-03', to: '2026-04' }, '2026-01')).toEqual([
			{ year: '2026', months: ['2026-01', '2026-02', '2026-03', '2026-04'] }
		]);
	});

	it('offers nothing when no end is a month', () => {
		expect(monthChoices({ from: '', to: '' }, '')).toEqual([]);
	});
});
