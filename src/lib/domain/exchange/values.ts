import { isSuppressed } from '../dashboard/suppression';
import type { Unit } from '../units';

/** A value as the exports read it from the device (LocalValue has these fields and more). */
export interface ExportValue {
	indicatorId: string;
	locationId: string;
	period: string;
	cell: string;
	value: number | null;
	comment: string;
	deleted?: boolean;
}

/**
 * Why a value was left out of a file, for the count and list under the export button:
 * no data element / org unit in the mapping, a period DHIS2 cannot name, no number entered, or
 * a small count held back by the working group's threshold (a partner's system would show it).
 */
export const SKIP_REASONS = [
	'no-data-element',
	'no-org-unit',
	'no-period',
	'empty',
	'suppressed'
] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

export interface SkippedValue {
	indicatorId: string;
	locationId: string;
	period: string;
	cell: string;
	reason: SkipReason;
}

export interface SuppressionRule {
	/** The working group's small-count threshold (settings). */
	threshold: number;
	unitOf(indicatorId: string): Unit | undefined;
}

/** The reason a value cannot be exported at all, whatever the target; undefined when it can. */
export function unexportable(
	value: ExportValue,
	suppression: SuppressionRule | undefined
): 'empty' | 'suppressed' | undefined {
	if (value.deleted || value.value === null) return 'empty';
	const unit = suppression?.unitOf(value.indicatorId);
	if (suppression && unit && isSuppressed(unit, value.value, suppression.threshold)) {
		return 'suppressed';
	}
	return undefined;
}

export function skipped(value: ExportValue, reason: SkipReason): SkippedValue {
	const { indicatorId, locationId, period, cell } = value;
	return { indicatorId, locationId, period, cell, reason };
}

const PLAIN = new Intl.NumberFormat('en', { useGrouping: false, maximumFractionDigits: 20 });

/** A plain decimal ("1234.5"), never an exponent or grouped: how both targets read numbers. */
export function plainNumber(value: number): string {
	const text = String(value);
	return /e/i.test(text) ? PLAIN.format(value) : text;
}

/** Counts of skipped values by reason, for the summary line. */
export function countByReason(list: readonly SkippedValue[]): Record<SkipReason, number> {
	const counts = Object.fromEntries(SKIP_REASONS.map((r) => [r, 0])) as Record<SkipReason, number>;
	for (const item of list) counts[item.reason] += 1;
	return counts;
}
