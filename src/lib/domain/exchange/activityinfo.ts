import { buildCsv, type CsvField } from '../dashboard/csv';
import { parseCellKey } from '../disaggregation';
import type { Language } from '../languages';
import type { Location } from '../locations';
import { periodEnd, periodStart } from '../periods';
import { pickText, type Translated } from '../text';
import type { Unit } from '../units';
import { plainNumber, skipped, unexportable, type ExportValue, type SkippedValue } from './values';

/**
 * ActivityInfo's import reads a table whose columns are mapped once to a form's fields and then
 * remembered: so the headers are fixed English field names whatever the interface language
 * (README "Exchange with ActivityInfo" says what each holds), and each row is one value with
 * every field the form needs to stand alone (the long layout). Names follow `lang`.
 */
export const ACTIVITYINFO_COLUMNS = [
	'Indicator code',
	'Indicator',
	'Place ID',
	'Place',
	'Place level',
	'Period',
	'Start date',
	'End date',
	'Sex',
	'Age group',
	'Value',
	'Unit',
	'Comment'
] as const;

export interface ActivityInfoIndicator {
	id: string;
	code: string;
	name: Translated;
	unit: Unit;
}

export interface ActivityInfoOptions {
	indicators: readonly ActivityInfoIndicator[];
	locations: readonly Location[];
	lang: Language;
	/** The small-count threshold; counts below it are left out (listed as skipped). */
	threshold?: number;
}

export interface ActivityInfoExport {
	csv: string;
	rows: number;
	skipped: SkippedValue[];
}

export function toActivityInfoCsv(
	values: readonly ExportValue[],
	options: ActivityInfoOptions
): ActivityInfoExport {
	const indicators = new Map(options.indicators.map((i) => [i.id, i]));
	const places = new Map(options.locations.map((l) => [l.id, l]));
	const suppression =
		options.threshold === undefined
			? undefined
			: { threshold: options.threshold, unitOf: (id: string) => indicators.get(id)?.unit };
	const rows: CsvField[][] = [];
	const left: SkippedValue[] = [];
	for (const value of values) {
		const unusable = unexportable(value, suppression);
		if (unusable) {
			left.push(skipped(value, unusable));
			continue;
		}
		const indicator = indicators.get(value.indicatorId);
		const place = places.get(value.locationId);
		const cell = parseCellKey(value.cell) ?? {};
		rows.push([
			indicator?.code ?? value.indicatorId,
			indicator ? pickText(indicator.name, options.lang).text : '',
			value.locationId,
			place ? pickText(place.name, options.lang).text : '',
			place?.level ?? '',
			value.period,
			periodStart(value.period),
			periodEnd(value.period),
			cell.sex ?? '',
			cell.age ?? '',
			plainNumber(value.value as number),
			indicator?.unit ?? '',
			value.comment
		]);
	}
	return { csv: buildCsv(ACTIVITYINFO_COLUMNS, rows), rows: rows.length, skipped: left };
}
