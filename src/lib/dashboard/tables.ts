import type { CsvField } from '$lib/domain/dashboard/csv';
import { suppressed } from '$lib/domain/dashboard/suppression';
import type { Language } from '$lib/domain/languages';
import { periodLabel } from '$lib/domain/periods';
import { pickText } from '$lib/domain/text';
import { t } from '$lib/i18n';
import type { ExportTable } from './export';
import type { IndicatorRow } from './load';
import { explainStatus } from './words';

/** A rolled-up figure for a file: rounded as the screen shows it, suppressed when small. */
function figure(row: Pick<IndicatorRow, 'indicator'>, value: number | null, threshold: number) {
	if (value === null) return null;
	const rounded = Math.round(value * 100) / 100;
	return suppressed(row.indicator.unit, rounded, threshold);
}

/** The overview as a file: one line per indicator in view, headers in the interface language. */
export function overviewTable(
	rows: readonly IndicatorRow[],
	lang: Language,
	threshold: number,
	place: string
): ExportTable {
	const headers = [
		'code',
		'indicator',
		'area',
		'unit',
		'place',
		'latest_period',
		'latest_value',
		'baseline',
		'baseline_date',
		'target',
		'target_date',
		'progress_percent',
		'status',
		'status_why'
	].map((h) => t(`dashboard:columns.${h}`));
	const lines: CsvField[][] = rows.map((row) => {
		const { indicator, latest, progress } = row;
		const actual = progress.explanation.actual;
		return [
			indicator.code,
			pickText(indicator.name, lang).text,
			t(`areas:${indicator.area}.name`),
			t(`unit.${indicator.unit}`),
			place,
			latest ? periodLabel(latest.period, lang) : null,
			figure(row, latest?.value ?? null, threshold),
			indicator.baseline?.value ?? null,
			indicator.baseline?.date ?? null,
			indicator.target?.value ?? null,
			indicator.target?.date ?? null,
			actual === null ? null : Math.round(actual * 1000) / 10,
			t(`dashboard:status.${progress.status}`),
			// The page explains a status on tap; a file has no tap, so the words travel with it
			// (e.g. a count for one region: "targets are national figures").
			explainStatus(row, lang, threshold)
		];
	});
	return { name: 'yol-dashboard', headers, rows: lines };
}

export interface PlaceSeries {
	label: string;
	points: { period: string; value: number | null }[];
}

/**
 * An indicator page as a file: its figure per period for the place in view, then each place's
 * own figure per period (the long part of an export on a large device).
 */
export function indicatorTable(
	row: IndicatorRow,
	lang: Language,
	threshold: number,
	places: readonly PlaceSeries[]
): ExportTable {
	const { indicator } = row;
	const headers = ['code', 'indicator', 'place', 'period', 'value', 'unit'].map((h) =>
		t(`dashboard:columns.${h}`)
	);
	const name = pickText(indicator.name, lang).text;
	const unit = t(`unit.${indicator.unit}`);
	const rows: CsvField[][] = [];
	for (const place of places) {
		for (const point of place.points) {
			rows.push([
				indicator.code,
				name,
				place.label,
				periodLabel(point.period, lang),
				figure(row, point.value, threshold),
				unit
			]);
		}
	}
	return { name: `yol-${indicator.code}`, headers, rows };
}
