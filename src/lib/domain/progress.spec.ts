import { describe, expect, it } from 'vitest';
import {
	PROGRESS_STATUSES,
	STATUS_SEVERITY,
	assessProgress,
	observationsOf,
	progressFraction,
	type ProgressInput
} from './progress';

const from = '2025-01-01';
const to = '2027-01-01'; // two years: the path is half-way on 2026-01-01
const halfway = '2026-01-01';

const rising: ProgressInput = {
	direction: 'increase',
	baseline: { value: 100, date: from },
	target: { value: 200, date: to }
};
const falling: ProgressInput = {
	direction: 'decrease',
	baseline: { value: 40, date: from },
	target: { value: 20, date: to }
};

describe('progress fraction', () => {
	it('runs from 0 at the baseline to 1 at the target, either direction', () => {
		expect(progressFraction('increase', 100, 200, 150)).toBe(0.5);
		expect(progressFraction('decrease', 40, 20, 30)).toBe(0.5);
		expect(progressFraction('increase', 100, 200, 250)).toBe(1.5);
		expect(progressFraction('decrease', 40, 20, 45)).toBe(-0.25);
	});

	it('treats an equal baseline and target as a level to hold', () => {
		expect(progressFraction('increase', 40, 40, 41)).toBe(1);
		expect(progressFraction('increase', 40, 40, 39)).toBe(0);
		expect(progressFraction('decrease', 40, 40, 39)).toBe(1);
	});
});

describe('status against the straight path', () => {
	it('is on track when half-way at half time', () => {
		const result = assessProgress(rising, [{ date: halfway, value: 150 }]);
		expect(result.status).toBe('on_track');
		expect(result.explanation).toMatchObject({
			expected: 0.5,
			actual: 0.5,
			gap: 0,
			expectedValue: 150
		});
	});

	it('is at risk a little behind and off track far behind', () => {
		expect(assessProgress(rising, [{ date: halfway, value: 135 }]).status).toBe('at_risk');
		expect(assessProgress(rising, [{ date: halfway, value: 120 }]).status).toBe('off_track');
		expect(assessProgress(rising, [{ date: halfway, value: 90 }]).status).toBe('off_track');
	});

	it('judges lower-is-better indicators by falling values', () => {
		expect(assessProgress(falling, [{ date: halfway, value: 30 }]).status).toBe('on_track');
		expect(assessProgress(falling, [{ date: halfway, value: 34 }]).status).toBe('at_risk');
		const worse = assessProgress(falling, [{ date: halfway, value: 44 }]);
		expect(worse.status).toBe('off_track');
		expect(worse.explanation.actual).toBeCloseTo(-0.2);
		expect(worse.explanation.gap).toBeCloseTo(0.7);
	});

	it('uses the latest value, skipping periods without one', () => {
		const result = assessProgress(rising, [
			{ date: '2025-03-31', value: 110 },
			{ date: '2025-06-30', value: null },
			{ date: '2026-01-01', value: 150 },
			{ date: '2026-03-31', value: null }
		]);
		expect(result.explanation.latest).toEqual({ date: '2026-01-01', value: 150 });
		expect(result.status).toBe('on_track');
	});

	it('marks a met target as achieved once the target date has passed', () => {
		const result = assessProgress(falling, [{ date: '2027-03-31', value: 19 }]);
		expect(result).toMatchObject({ status: 'on_track', achieved: true });
		expect(result.explanation.targetPassed).toBe(true);
	});

	it('is off track when the target date has passed and the target is missed', () => {
		const result = assessProgress(rising, [{ date: '2027-06-30', value: 150 }]);
		expect(result).toMatchObject({ status: 'off_track', achieved: false });
		expect(result.explanation).toMatchObject({ expected: 1, targetPassed: true });
	});

	it('is on track at the start when nothing has moved yet', () => {
		expect(assessProgress(rising, [{ date: from, value: 100 }]).status).toBe('on_track');
	});

	it('holds an equal baseline and target', () => {
		const hold: ProgressInput = { ...rising, target: { value: 100, date: to } };
		expect(assessProgress(hold, [{ date: halfway, value: 101 }]).status).toBe('on_track');
		expect(assessProgress(hold, [{ date: halfway, value: 90 }]).status).toBe('off_track');
	});
});

describe('missing pieces', () => {
	it('has no data without values', () => {
		const result = assessProgress(rising, [{ date: halfway, value: null }]);
		expect(result.status).toBe('no_data');
		expect(result.explanation.reason).toBe('no_values');
	});

	it('has no data without a target', () => {
		expect(
			assessProgress({ ...rising, target: null }, [{ date: halfway, value: 150 }]).explanation
				.reason
		).toBe('no_target');
	});

	it('uses the first value as baseline when there is none, and says so', () => {
		const noBaseline: ProgressInput = { ...rising, baseline: null };
		const result = assessProgress(noBaseline, [
			{ date: from, value: 100 },
			{ date: halfway, value: 150 }
		]);
		expect(result.status).toBe('on_track');
		expect(result.explanation).toMatchObject({
			baselineFromData: true,
			baseline: { value: 100, date: from }
		});
		expect(assessProgress(noBaseline, [{ date: halfway, value: 150 }]).explanation.reason).toBe(
			'no_baseline'
		);
	});
});

describe('progress over periods', () => {
	it('dates each period by its last day and skips the periods with no value', () => {
		const observations = observationsOf([
			{ period: '2025Q1', value: 105 },
			{ period: '2025Q2', value: null },
			{ period: '2025Q4', value: 150 }
		]);
		expect(observations).toEqual([
			{ date: '2025-03-31', value: 105 },
			{ date: '2025-06-30', value: null },
			{ date: '2025-12-31', value: 150 }
		]);
		const result = assessProgress(rising, observations);
		expect(result.explanation.latest).toEqual({ date: '2025-12-31', value: 150 });
		expect(result.status).toBe('on_track');
	});

	it('judges a falling indicator over its periods, off track when it rises', () => {
		const result = assessProgress(
			falling,
			observationsOf([
				{ period: '2025', value: 41 },
				{ period: '2026', value: 42 }
			])
		);
		expect(result.status).toBe('off_track');
		expect(result.explanation.actual).toBeLessThan(0);
	});

	it('orders statuses worst first', () => {
		const sorted = [...PROGRESS_STATUSES].sort((a, b) => STATUS_SEVERITY[a] - STATUS_SEVERITY[b]);
		expect(sorted).toEqual(['off_track', 'at_risk', 'on_track', 'no_data']);
	});
});
