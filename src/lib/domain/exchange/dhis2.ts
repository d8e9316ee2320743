import * as v from 'valibot';
import { TOTAL_CELL } from '../disaggregation';
import type { ImportRow } from './import-row';
import { indexMapping, type ExchangeMapping, type MappingIndex } from './mapping';
import { fromDhis2Period, toDhis2Period } from './periods';
import {
	plainNumber,
	skipped,
	unexportable,
	type ExportValue,
	type SkippedValue,
	type SuppressionRule
} from './values';

/**
 * DHIS2's `dataValueSets` JSON, as its Web API documents it and its Import/Export app reads it:
 * a set whose `dataValues` each name a data element, period, org unit and category option
 * combo, with the value as text. Yol writes every data value in full (its own period and org
 * unit), which DHIS2 accepts for values of several places and periods in one file; a set-level
 * `period`/`orgUnit`/`attributeOptionCombo` (the documented example's form) is read back too.
 */
export interface Dhis2DataValue {
	dataElement: string;
	period: string;
	orgUnit: string;
	categoryOptionCombo: string;
	attributeOptionCombo?: string;
	value: string;
	comment?: string;
	storedBy?: string;
}

export interface Dhis2DataValueSet {
	dataSet?: string;
	completeDate?: string;
	dataValues: Dhis2DataValue[];
}

export interface Dhis2Export {
	set: Dhis2DataValueSet;
	skipped: SkippedValue[];
}

export interface Dhis2ExportOptions {
	/** Small counts the working group holds back (left out, listed as skipped). */
	suppression?: SuppressionRule;
	/** Who DHIS2 records as having stored the values (the exporting user's name), if anyone. */
	storedBy?: string;
}

/** The values as a DHIS2 data value set; each value the mapping cannot name is listed instead. */
export function toDataValueSet(
	values: readonly ExportValue[],
	mapping: ExchangeMapping,
	options: Dhis2ExportOptions = {}
): Dhis2Export {
	const index = indexMapping(mapping);
	const dataValues: Dhis2DataValue[] = [];
	const left: SkippedValue[] = [];
	for (const value of values) {
		const unusable = unexportable(value, options.suppression);
		if (unusable) {
			left.push(skipped(value, unusable));
			continue;
		}
		const element = index.dataElementOf(value.indicatorId, value.cell);
		if (!element) {
			left.push(skipped(value, 'no-data-element'));
			continue;
		}
		const orgUnit = index.orgUnitOf(value.locationId);
		if (!orgUnit) {
			left.push(skipped(value, 'no-org-unit'));
			continue;
		}
		const period = toDhis2Period(value.period);
		if (!period) {
			left.push(skipped(value, 'no-period'));
			continue;
		}
		const out: Dhis2DataValue = {
			dataElement: element.dataElement,
			period,
			orgUnit,
			categoryOptionCombo: element.categoryOptionCombo,
			value: plainNumber(value.value as number)
		};
		if (mapping.attributeOptionCombo) out.attributeOptionCombo = mapping.attributeOptionCombo;
		if (value.comment) out.comment = value.comment;
		if (options.storedBy) out.storedBy = options.storedBy;
		dataValues.push(out);
	}
	const set: Dhis2DataValueSet = mapping.dataSet
		? { dataSet: mapping.dataSet, dataValues }
		: { dataValues };
	return { set, skipped: left };
}

/** Why a data value of a file could not become a row; `value` is what the file said. */
export const READ_PROBLEMS = [
	'not-an-object',
	'no-data-element',
	'no-period',
	'no-org-unit',
	'unmapped-data-element',
	'unmapped-org-unit',
	'unsupported-period',
	'no-value'
] as const;
export type ReadProblemCode = (typeof READ_PROBLEMS)[number];

export interface ReadProblem {
	/** 1-based position in `dataValues`. */
	line: number;
	code: ReadProblemCode;
	value?: string;
}

export type Dhis2Read =
	{ ok: true; rows: ImportRow[]; problems: ReadProblem[] } | { ok: false; error: string };

const Text = v.optional(v.union([v.string(), v.number()]));

/** Lenient on purpose: each data value is judged on its own, so one bad line costs one row. */
const FileSchema = v.object({
	dataSet: v.optional(v.string()),
	period: v.optional(v.string()),
	orgUnit: v.optional(v.string()),
	attributeOptionCombo: v.optional(v.string()),
	dataValues: v.array(v.unknown(), 'dataValues must be a list')
});

const DataValueSchema = v.object({
	dataElement: Text,
	period: Text,
	orgUnit: Text,
	categoryOptionCombo: Text,
	value: v.optional(v.union([v.string(), v.number(), v.boolean(), v.null()])),
	comment: v.optional(v.nullable(v.string())),
	deleted: v.optional(v.boolean())
});

const text = (input: string | number | undefined): string =>
	input === undefined ? '' : String(input).trim();

/**
 * The rows of a DHIS2 `dataValueSets` file for the import preview, translated back through the
 * mapping: data element and combo to indicator code and cell, org unit to place id, DHIS2
 * period to the app's. `codeOf` gives an indicator's code (the preview matches by code).
 * A data value the mapping does not know is a problem of its line, never guessed at.
 */
export function fromDataValueSet(
	json: unknown,
	mapping: ExchangeMapping,
	codeOf: (indicatorId: string) => string | undefined = () => undefined
): Dhis2Read {
	const file = v.safeParse(FileSchema, json);
	if (!file.success) {
		return {
			ok: false,
			error: 'This is not a DHIS2 dataValueSets file: it has no list of dataValues.'
		};
	}
	const context: ReadContext = {
		mapping,
		index: indexMapping(mapping),
		codeOf,
		period: (file.output.period ?? '').trim(),
		orgUnit: (file.output.orgUnit ?? '').trim()
	};
	const rows: ImportRow[] = [];
	const problems: ReadProblem[] = [];
	file.output.dataValues.forEach((raw, i) => {
		const read = readDataValue(raw, i + 1, context);
		if ('code' in read) problems.push(read);
		else rows.push(read);
	});
	return { ok: true, rows, problems };
}

interface ReadContext {
	mapping: ExchangeMapping;
	index: MappingIndex;
	codeOf: (indicatorId: string) => string | undefined;
	/** The set's own period and org unit, for data values that leave them out. */
	period: string;
	orgUnit: string;
}

function readDataValue(raw: unknown, line: number, context: ReadContext): ImportRow | ReadProblem {
	const parsed = v.safeParse(DataValueSchema, raw);
	if (!parsed.success) return { line, code: 'not-an-object' };
	const dv = parsed.output;
	const dataElement = text(dv.dataElement);
	const coc = text(dv.categoryOptionCombo);
	const period = text(dv.period) || context.period;
	const orgUnit = text(dv.orgUnit) || context.orgUnit;
	if (!dataElement) return { line, code: 'no-data-element' };
	if (!period) return { line, code: 'no-period' };
	if (!orgUnit) return { line, code: 'no-org-unit' };
	const element = findElement(context.mapping, context.index, dataElement, coc);
	if (!element) {
		const value = coc ? `${dataElement}.${coc}` : dataElement;
		return { line, code: 'unmapped-data-element', value };
	}
	const locationId = context.index.locationOf(orgUnit);
	if (!locationId) return { line, code: 'unmapped-org-unit', value: orgUnit };
	const periodId = fromDhis2Period(period);
	if (!periodId) return { line, code: 'unsupported-period', value: period };
	// A value DHIS2 marks deleted clears the cell here; one with no value at all says nothing.
	if (!dv.deleted && (dv.value === undefined || dv.value === null))
		return { line, code: 'no-value' };
	const row: ImportRow = {
		line,
		indicator: context.codeOf(element.indicatorId) ?? element.indicatorId,
		place: locationId,
		period: periodId,
		cell: element.cell,
		value: dv.deleted ? '' : String(dv.value)
	};
	if (dv.comment) row.comment = dv.comment;
	return row;
}

/**
 * A data value without a category option combo is DHIS2's default combo: the one row of that
 * data element, or its total, when the mapping leaves no doubt which cell is meant.
 */
function findElement(
	mapping: ExchangeMapping,
	index: MappingIndex,
	dataElement: string,
	coc: string
) {
	if (coc) return index.cellOf(dataElement, coc);
	const rows = mapping.dataElements.filter((r) => r.dataElement === dataElement);
	return rows.length === 1 ? rows[0] : rows.find((r) => r.cell === TOTAL_CELL);
}
