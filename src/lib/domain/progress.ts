import type { Direction, Milestone } from './indicators';
import { periodEnd } from './periods';

/**
 * Progress toward a target, for increasing and decreasing indicators alike, and a status
 * against the straight path from baseline to target. Results carry numbers, not sentences:
 * the page words them in the reader's language.
 */

export const PROGRESS_STATUSES = ['on_track', 'at_risk', 'off_track', 'no_data'] as const;
export type ProgressStatus = (typeof PROGRESS_STATUSES)[number];

/** Worst first: the order a meeting looks at indicators in when sorting by status. */
export const STATUS_SEVERITY: Record<ProgressStatus, number> = {
	off_track: 0,
	at_risk: 1,
	on_track: 2,
	no_data: 3
};

/** On track when actual progress is at least this share of what the straight path expects. */
export const ON_TRACK_RATIO = 0.9;
/** At risk down to this share; below it, off track. */
export const AT_RISK_RATIO = 0.6;

export interface Observation {
	/** The day the value stands for: the last day of its period. */
	date: string;
	value: number | null;
}

export interface ProgressExplanation {
	reason: 'ok' | 'no_values' | 'no_target' | 'no_baseline';
	/** The baseline the sums used: the indicator's own, or its first value when it has none. */
	baseline: Milestone | null;
	baselineFromData: boolean;
	target: Milestone | null;
	latest: { date: string; value: number } | null;
	/** Share of the way from baseline to target the straight path expects by `latest.date`. */
	expected: number | null;
	/** Share of the way actually covered (below 0: moved away; above 1: beyond the target). */
	actual: number | null;
	/** expected − actual: how far behind (positive) or ahead (negative) of the path. */
	gap: number | null;
	/** The value the straight path expects by `latest.date`, in the indicator's unit. */
	expectedValue: number | null;
	targetPassed: boolean;
}

export interface Progress {
	status: ProgressStatus;
	/** The latest value reaches the target (at or beyond it, in the indicator's direction). */
	achieved: boolean;
	explanation: ProgressExplanation;
}

export interface ProgressInput {
	direction: Direction;
	baseline: Milestone | null;
	target: Milestone | null;
}

function dayNumber(date: string): number {
	const [y, m, d] = date.slice(0, 10).split('-').map(Number);
	return Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1) / 86_400_000;
}

export function meetsTarget(direction: Direction, value: number, target: number): boolean {
	return direction === 'increase' ? value >= target : value <= target;
}

/**
 * Share of the way from baseline to target: 0 at the baseline, 1 at the target. Works for
 * lower-is-better indicators too, since the target then lies below the baseline. When baseline
 * and target are equal the aim is to hold the line: 1 while held, 0 once lost.
 */
export function progressFraction(
	direction: Direction,
	baseline: number,
	target: number,
	value: number
): number {
	if (baseline === target) return meetsTarget(direction, value, target) ? 1 : 0;
	return (value - baseline) / (target - baseline);
}

/** Share of the time from baseline date to target date gone by at `date`, within 0–1. */
export function elapsedFraction(baselineDate: string, targetDate: string, date: string): number {
	const span = dayNumber(targetDate) - dayNumber(baselineDate);
	if (span <= 0) return 1;
	return Math.min(1, Math.max(0, (dayNumber(date) - dayNumber(baselineDate)) / span));
}

function latestOf(observations: readonly Observation[]): { date: string; value: number } | null {
	let latest: { date: string; value: number } | null = null;
	for (const o of observations) {
		if (o.value === null || !Number.isFinite(o.value)) continue;
		if (!latest || o.date >= latest.date) latest = { date: o.date, value: o.value };
	}
	return latest;
}

function earliestOf(observations: readonly Observation[]): Milestone | null {
	let earliest: Milestone | null = null;
	for (const o of observations) {
		if (o.value === null || !Number.isFinite(o.value)) continue;
		if (!earliest || o.date < earliest.date) earliest = { date: o.date, value: o.value };
	}
	return earliest;
}

function noData(
	reason: ProgressExplanation['reason'],
	input: ProgressInput,
	latest: ProgressExplanation['latest']
): Progress {
	const achieved = !!(
		latest &&
		input.target &&
		meetsTarget(input.direction, latest.value, input.target.value)
	);
	return {
		status: 'no_data',
		achieved,
		explanation: {
			reason,
			baseline: input.baseline,
			baselineFromData: false,
			target: input.target,
			latest,
			expected: null,
			actual: null,
			gap: null,
			expectedValue: null,
			targetPassed: !!(latest && input.target && latest.date >= input.target.date)
		}
	};
}

/**
 * Where an indicator stands at the date of its latest value. Periods without a value are
 * skipped: the latest value there is counts. Without a baseline, the first value stands in
 * for it (flagged), so a new indicator shows progress once it has two values.
 */
export function assessProgress(
	input: ProgressInput,
	observations: readonly Observation[]
): Progress {
	const latest = latestOf(observations);
	const { target, direction } = input;
	if (!target) return noData('no_target', input, latest);
	if (!latest) return noData('no_values', input, latest);

	let baseline = input.baseline;
	const baselineFromData = baseline === null;
	if (!baseline) {
		baseline = earliestOf(observations);
		if (!baseline || baseline.date >= latest.date) return noData('no_baseline', input, latest);
	}

	const expected = elapsedFraction(baseline.date, target.date, latest.date);
	const actual = progressFraction(direction, baseline.value, target.value, latest.value);
	const achieved = meetsTarget(direction, latest.value, target.value);
	const targetPassed = latest.date >= target.date;

	let status: ProgressStatus;
	if (achieved) status = 'on_track';
	else if (expected <= 0) status = actual >= 0 ? 'on_track' : 'at_risk';
	else if (actual >= ON_TRACK_RATIO * expected) status = 'on_track';
	else if (actual >= AT_RISK_RATIO * expected) status = 'at_risk';
	else status = 'off_track';

	return {
		status,
		achieved,
		explanation: {
			reason: 'ok',
			baseline,
			baselineFromData,
			target,
			latest,
			expected,
			actual,
			gap: expected - actual,
			expectedValue: baseline.value + (target.value - baseline.value) * expected,
			targetPassed
		}
	};
}

/** Figures per period as observations: each stands for the last day of its period. */
export function observationsOf(
	points: readonly { period: string; value: number | null }[]
): Observation[] {
	return points.map((p) => ({ date: periodEnd(p.period), value: p.value }));
}
