import type { Indicator } from '$lib/domain/indicators';
import type { Language } from '$lib/domain/languages';
import { isSuppressed } from '$lib/domain/dashboard/suppression';
import { periodLabel } from '$lib/domain/periods';
import { formatDate, formatPercent } from '$lib/i18n/format';
import { formatValue } from '$lib/entry/format-value';
import { t } from '$lib/i18n';
import type { IndicatorRow } from './load';

/**
 * A figure as the dashboards show it. A rolled-up yes/no answer is the share of places saying
 * yes; with `threshold`, small counts are shown as "<5" (meeting mode and exports).
 */
export function showValue(
	value: number | null | undefined,
	indicator: Pick<Indicator, 'unit'>,
	lang: Language,
	threshold?: number
): string {
	if (value === null || value === undefined) return '—';
	if (threshold !== undefined && isSuppressed(indicator.unit, value, threshold)) {
		return `<${threshold}`;
	}
	if (indicator.unit === 'yes_no' && value !== 0 && value !== 1) {
		return formatPercent(value * 100, lang, 0);
	}
	return formatValue(value, indicator.unit, lang);
}

/** Share of the way to the target, 0–100 for the bar (beyond either end is clamped). */
export function progressPercent(row: IndicatorRow): number | null {
	const actual = row.progress.explanation.actual;
	return actual === null ? null : Math.round(Math.min(1, Math.max(0, actual)) * 100);
}

/** What a status badge says (shared with the status filter). */
export { shownStatus, type ShownStatus } from '$lib/domain/dashboard/filters';

/** The status in one sentence or two, in words: why on track, at risk or off track. */
export function explainStatus(
	row: IndicatorRow,
	lang: Language,
	threshold?: number,
	/** The view is a scoped person's own places, so "choose the whole country" is no advice. */
	scoped = false
): string {
	const { indicator, progress, comparable } = row;
	const e = progress.explanation;
	const v = (x: number | null) => showValue(x, indicator, lang, threshold);
	if (!comparable) {
		return t(
			scoped ? 'dashboard:explain.national_target_scoped' : 'dashboard:explain.national_target'
		);
	}
	if (e.reason === 'no_values') return t('dashboard:explain.no_values');
	if (e.reason === 'no_target') return t('dashboard:explain.no_target');
	if (e.reason === 'no_baseline') return t('dashboard:explain.no_baseline');
	const parts: string[] = [];
	const latest = row.latest;
	if (progress.achieved) {
		parts.push(
			t('dashboard:explain.achieved', {
				value: v(e.latest!.value),
				target: v(e.target!.value)
			})
		);
	} else {
		parts.push(
			t('dashboard:explain.path', {
				period: latest ? periodLabel(latest.period, lang) : formatDate(e.latest!.date, lang),
				expected: v(e.expectedValue),
				expectedShare: formatPercent((e.expected ?? 0) * 100, lang, 0),
				value: v(e.latest!.value),
				actualShare: formatPercent((e.actual ?? 0) * 100, lang, 0)
			})
		);
		parts.push(t(`dashboard:explain.rule_${progress.status}`));
	}
	// At a place, a share or rate is held to the national target: say so.
	if (row.local) parts.push(t('dashboard:explain.national_applies'));
	parts.push(
		t('dashboard:explain.target', {
			target: v(e.target!.value),
			date: formatDate(e.target!.date, lang),
			direction: t(`dashboard:direction.${indicator.direction}`)
		})
	);
	if (e.baselineFromData) {
		parts.push(
			t('dashboard:explain.baseline_from_data', { date: formatDate(e.baseline!.date, lang) })
		);
	}
	return parts.join(' ');
}
