import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	azOrdinalSuffix,
	comparePeriods,
	isPeriodId,
	lastPeriods,
	matchesPeriodicity,
	nextPeriod,
	parsePeriod,
	periodContaining,
	periodEnd,
	periodLabel,
	periodStart,
	periodsInRange,
	periodsWithin,
	periodType,
	previousPeriod,
	rollUp,
	shiftPeriod,
	sortPeriods
} from './periods';

const anyPeriod = fc.oneof(
	fc
		.record({ y: fc.integer({ min: 1900, max: 2999 }), m: fc.integer({ min: 1, max: 12 }) })
		.map(({ y, m }) => `${y}-${String(m).padStart(2, '0')}`),
	fc
		.record({ y: fc.integer({ min: 1900, max: 2999 }), q: fc.integer({ min: 1, max: 4 }) })
		.map(({ y, q }) => `${y}Q${q}`),
	fc.integer({ min: 1900, max: 2999 }).map(String)
);

describe('parsing', () => {
	it('reads months, quarters and years', () => {
		expect(parsePeriod('2026-09')).toEqual({ type: 'month', year: 2026, index: 9 });
		expect(parsePeriod('2026Q3')).toEqual({ type: 'quarter', year: 2026, index: 3 });
		expect(parsePeriod('2026')).toEqual({ type: 'year', year: 2026, index: 1 });
		expect(periodType('2026Q3')).toBe('quarter');
	});

	it('refuses what is not a period', () => {
		for (const bad of [
			'2026-13',
			'2026-00',
			'2026-9',
			'2026Q5',
			'2026Q0',
			'26',
			'2026q3',
			'',
			'2026-09-01'
		]) {
			expect(isPeriodId(bad), bad).toBe(false);
		}
	});

	it('matches a period against an indicator periodicity', () => {
		expect(matchesPeriodicity('2026-09', 'monthly')).toBe(true);
		expect(matchesPeriodicity('2026-09', 'quarterly')).toBe(false);
		expect(matchesPeriodicity('2026Q3', 'quarterly')).toBe(true);
		expect(matchesPeriodicity('2026', 'yearly')).toBe(true);
	});
});

describe('order and stepping', () => {
	it('sorts chronologically, months before the quarter and year they start', () => {
		expect(sortPeriods(['2026Q3', '2025-12', '2026', '2026-01', '2026Q1', '2025'])).toEqual([
			'2025',
			'2025-12',
			'2026-01',
			'2026Q1',
			'2026',
			'2026Q3'
		]);
		expect(comparePeriods('2026-02', '2026-10')).toBeLessThan(0);
	});

	it('steps across year ends', () => {
		expect(nextPeriod('2026-12')).toBe('2027-01');
		expect(previousPeriod('2026-01')).toBe('2025-12');
		expect(nextPeriod('2026Q4')).toBe('2027Q1');
		expect(previousPeriod('2026Q1')).toBe('2025Q4');
		expect(nextPeriod('2026')).toBe('2027');
		expect(shiftPeriod('2026-03', -15)).toBe('2024-12');
	});

	it('next then previous returns the same period, and next is always later', () => {
		fc.assert(
			fc.property(anyPeriod, (id) => {
				expect(previousPeriod(nextPeriod(id))).toBe(id);
				expect(nextPeriod(previousPeriod(id))).toBe(id);
				expect(comparePeriods(id, nextPeriod(id))).toBeLessThan(0);
				// No gap and no overlap between a period and the next.
				const dayAfter = new Date(`${periodEnd(id)}T00:00:00Z`);
				dayAfter.setUTCDate(dayAfter.getUTCDate() + 1);
				expect(periodStart(nextPeriod(id))).toBe(dayAfter.toISOString().slice(0, 10));
			})
		);
	});

	it('shifting by n equals n single steps', () => {
		fc.assert(
			fc.property(anyPeriod, fc.integer({ min: -30, max: 30 }), (id, n) => {
				let stepped = id;
				for (let i = 0; i < Math.abs(n); i += 1)
					stepped = n > 0 ? nextPeriod(stepped) : previousPeriod(stepped);
				expect(shiftPeriod(id, n)).toBe(stepped);
			})
		);
	});
});

describe('dates', () => {
	it('gives first and last days, leap years included', () => {
		expect(periodStart('2026-09')).toBe('2026-09-01');
		expect(periodEnd('2026-09')).toBe('2026-09-30');
		expect(periodEnd('2028-02')).toBe('2028-02-29');
		expect(periodEnd('2026-02')).toBe('2026-02-28');
		expect(periodStart('2026Q3')).toBe('2026-07-01');
		expect(periodEnd('2026Q3')).toBe('2026-09-30');
		expect(periodStart('2026')).toBe('2026-01-01');
		expect(periodEnd('2026')).toBe('2026-12-31');
	});

	it('finds the period holding a date or a timestamp', () => {
		expect(periodContaining('2026-11-23', 'month')).toBe('2026-11');
		expect(periodContaining('2026-11-23T10:00:00Z', 'quarter')).toBe('2026Q4');
		expect(periodContaining('2026-03-31', 'quarter')).toBe('2026Q1');
		expect(periodContaining('2026-03-31', 'year')).toBe('2026');
	});
});

describe('roll-up and ranges', () => {
	it('rolls a month up to its quarter, a quarter to its year, and stops at the year', () => {
		expect(rollUp('2026-09')).toBe('2026Q3');
		expect(rollUp('2026-10')).toBe('2026Q4');
		expect(rollUp('2026Q3')).toBe('2026');
		expect(rollUp('2026')).toBeNull();
	});

	it('every month rolls up into a quarter that contains it', () => {
		fc.assert(
			fc.property(anyPeriod, (id) => {
				const up = rollUp(id);
				if (up === null) return;
				expect(periodsWithin(up, periodType(id)!)).toContain(id);
			})
		);
	});

	it('lists the periods of a range, both ends included', () => {
		expect(periodsInRange('2025-11', '2026-02')).toEqual([
			'2025-11',
			'2025-12',
			'2026-01',
			'2026-02'
		]);
		expect(periodsInRange('2025Q4', '2026Q2')).toEqual(['2025Q4', '2026Q1', '2026Q2']);
		expect(periodsInRange('2026Q2', '2025Q4')).toEqual([]);
		expect(() => periodsInRange('2026-01', '2026Q2')).toThrow(RangeError);
		expect(periodsWithin('2026Q3', 'month')).toEqual(['2026-07', '2026-08', '2026-09']);
		expect(periodsWithin('2026', 'quarter')).toHaveLength(4);
	});

	it('gives the last N periods up to the one running on a date', () => {
		expect(lastPeriods('quarterly', 4, '2026-11-23')).toEqual([
			'2026Q1',
			'2026Q2',
			'2026Q3',
			'2026Q4'
		]);
		expect(lastPeriods('monthly', 3, '2026-01-15')).toEqual(['2025-11', '2025-12', '2026-01']);
		expect(lastPeriods('yearly', 2, '2026-06-30')).toEqual(['2025', '2026']);
		expect(lastPeriods('monthly', 0, '2026-01-15')).toEqual([]);
	});
});

describe('labels', () => {
	it('names months in each language, capitalised as a label', () => {
		expect(periodLabel('2026-09', 'en')).toBe('September 2026');
		expect(periodLabel('2026-09', 'az')).toBe('Sentyabr 2026');
		expect(periodLabel('2026-09', 'ru')).toMatch(/^Сентябрь 2026/);
	});

	it('capitalises the Azerbaijani i with a dot', () => {
		expect(periodLabel('2026-06', 'az')).toBe('İyun 2026');
		expect(periodLabel('2026-07', 'az')).toBe('İyul 2026');
	});

	it('writes quarters the way each language does', () => {
		expect(periodLabel('2026Q3', 'en')).toBe('Q3 2026');
		expect(periodLabel('2026Q3', 'az')).toBe('2026-cı ilin III rübü');
		expect(periodLabel('2026Q3', 'ru')).toBe('III квартал 2026 г.');
		expect(periodLabel('2026Q3', 'az', 'short')).toBe('III rüb 2026');
		expect(periodLabel('2026Q3', 'ru', 'short')).toBe('III кв. 2026');
	});

	it('writes years, with the Azerbaijani ordinal suffix in harmony with the number', () => {
		expect(periodLabel('2026', 'en')).toBe('2026');
		expect(periodLabel('2026', 'ru')).toBe('2026 г.');
		expect(periodLabel('2025', 'az')).toBe('2025-ci il');
		expect(periodLabel('2026', 'az', 'short')).toBe('2026');
		expect([2023, 2024, 2026, 2029, 2030, 2040, 2100].map((y) => azOrdinalSuffix(y))).toEqual([
			'cü',
			'cü',
			'cı',
			'cu',
			'cu',
			'cı',
			'cü'
		]);
	});
});
