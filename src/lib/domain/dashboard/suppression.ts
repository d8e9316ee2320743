import type { Unit } from '../units';

/**
 * Small-count suppression: in meeting mode and exports, a count of people below the threshold
 * is shown as "<5" rather than its number, so nobody in a small district can be singled out.
 * Zero reveals no one and stays visible. Only counts are suppressed: a percentage or money
 * figure does not count individuals.
 */
export const DEFAULT_SUPPRESSION_THRESHOLD = 5;

export function isSuppressed(unit: Unit, value: number | null, threshold: number): boolean {
	return unit === 'count' && value !== null && value > 0 && value < threshold;
}

/** The value, or the text that stands for it ("<5") when suppressed. */
export function suppressed(
	unit: Unit,
	value: number | null,
	threshold: number
): number | string | null {
	return isSuppressed(unit, value, threshold) ? `<${threshold}` : value;
}

/**
 * The working group's threshold record (domain/settings.ts): here, apart from its schema, so the
 * screens that only read it load no schema.
 */
export const SUPPRESSION_SETTING_ID = 'suppression-threshold';

/** The threshold in force: the working group's, or the default until a coordinator sets one. */
export function suppressionThreshold(setting: { value: number } | undefined): number {
	return setting?.value ?? DEFAULT_SUPPRESSION_THRESHOLD;
}
