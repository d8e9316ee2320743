import * as v from 'valibot';
import { isCellKey, TOTAL_CELL } from '../disaggregation';
import { fieldProblems, type FieldProblem, type Parsed } from '../indicators';
import { isDhis2Uid, uidProblem } from './uid';

/**
 * How Yol's figures are named in DHIS2: per indicator and disaggregation cell a data element and
 * a category option combo, per place an organisation unit. The coordinator keeps one mapping for
 * the working group (its id is always DHIS2_MAPPING_ID); the server and the devices check it with
 * this one schema. Rows a coordinator has not filled in yet are simply absent: a value without
 * a row is exported as skipped, with that reason.
 */
export const DHIS2_MAPPING_ID = 'dhis2';

/** Enough for every cell of a few hundred indicators and every district, and no more. */
export const MAX_DATA_ELEMENT_ROWS = 5000;
export const MAX_ORG_UNIT_ROWS = 2000;

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{1,63}$/;

const Id = (field: string) =>
	v.pipe(v.string(`${field} must be text`), v.regex(ID_PATTERN, `${field} is not a valid id`));

const Uid = (field: string) =>
	v.pipe(
		v.string(`${field} must be text`),
		v.check(
			(text: string) => isDhis2Uid(text),
			(issue) => uidProblem(field, String(issue.input)) ?? `${field} is invalid`
		)
	);

/** An optional UID: empty when the coordinator leaves it to DHIS2's default. */
const OptionalUid = (field: string) =>
	v.pipe(
		v.string(`${field} must be text`),
		v.check(
			(text: string) => text === '' || isDhis2Uid(text),
			(issue) => uidProblem(field, String(issue.input)) ?? `${field} is invalid`
		)
	);

export const DataElementRowSchema = v.object({
	indicatorId: Id('indicatorId'),
	cell: v.pipe(
		v.string('cell must be text'),
		v.check(isCellKey, 'cell must be "total" or like sex=female;age=18-34')
	),
	dataElement: Uid('dataElement'),
	categoryOptionCombo: Uid('categoryOptionCombo')
});

export const OrgUnitRowSchema = v.object({
	locationId: Id('locationId'),
	orgUnit: Uid('orgUnit')
});

export const ExchangeMappingSchema = v.object({
	id: v.literal(DHIS2_MAPPING_ID, `id must be ${DHIS2_MAPPING_ID}`),
	/** The data set the values are reported in (DHIS2's import checks it when given). */
	dataSet: OptionalUid('dataSet'),
	/** The attribute option combo of every value (a funding partner, say); empty: DHIS2's default. */
	attributeOptionCombo: OptionalUid('attributeOptionCombo'),
	dataElements: v.pipe(
		v.array(DataElementRowSchema, 'dataElements must be a list'),
		v.maxLength(MAX_DATA_ELEMENT_ROWS, `dataElements has more than ${MAX_DATA_ELEMENT_ROWS} rows`)
	),
	orgUnits: v.pipe(
		v.array(OrgUnitRowSchema, 'orgUnits must be a list'),
		v.maxLength(MAX_ORG_UNIT_ROWS, `orgUnits has more than ${MAX_ORG_UNIT_ROWS} rows`)
	)
});

export type ExchangeMapping = v.InferOutput<typeof ExchangeMappingSchema>;
export type DataElementRow = ExchangeMapping['dataElements'][number];
export type OrgUnitRow = ExchangeMapping['orgUnits'][number];

export function emptyMapping(): ExchangeMapping {
	return {
		id: DHIS2_MAPPING_ID,
		dataSet: '',
		attributeOptionCombo: '',
		dataElements: [],
		orgUnits: []
	};
}

/**
 * Rows that would make the mapping ambiguous, each at the field to change: one cell mapped twice
 * (which UID would it get?), or one data element and combo given to two cells, or one org unit
 * to two places (a DHIS2 file could then not be read back: whose value is it?).
 */
function duplicateProblems(mapping: ExchangeMapping): FieldProblem[] {
	const problems: FieldProblem[] = [];
	const cells = new Map<string, number>();
	const targets = new Map<string, number>();
	mapping.dataElements.forEach((row, i) => {
		const cell = `${row.indicatorId}|${row.cell}`;
		const first = cells.get(cell);
		if (first !== undefined) {
			problems.push({
				field: `dataElements.${i}.cell`,
				message: `cell ${row.cell} of this indicator is already mapped in row ${first + 1}`
			});
		} else cells.set(cell, i);
		const target = `${row.dataElement}|${row.categoryOptionCombo}`;
		const taken = targets.get(target);
		if (taken !== undefined) {
			problems.push({
				field: `dataElements.${i}.categoryOptionCombo`,
				message: `this data element and category option combo are already used in row ${taken + 1}`
			});
		} else targets.set(target, i);
	});
	const places = new Map<string, number>();
	const units = new Map<string, number>();
	mapping.orgUnits.forEach((row, i) => {
		const first = places.get(row.locationId);
		if (first !== undefined) {
			problems.push({
				field: `orgUnits.${i}.locationId`,
				message: `this place is already mapped in row ${first + 1}`
			});
		} else places.set(row.locationId, i);
		const taken = units.get(row.orgUnit);
		if (taken !== undefined) {
			problems.push({
				field: `orgUnits.${i}.orgUnit`,
				message: `this org unit is already given to the place in row ${taken + 1}`
			});
		} else units.set(row.orgUnit, i);
	});
	return problems;
}

export function parseMapping(input: unknown): Parsed<ExchangeMapping> {
	const result = v.safeParse(ExchangeMappingSchema, input);
	if (!result.success) return { ok: false, problems: fieldProblems(result.issues) };
	const problems = duplicateProblems(result.output);
	return problems.length ? { ok: false, problems } : { ok: true, value: result.output };
}

/** Lookups for export and import, built once per file. */
export interface MappingIndex {
	dataElementOf(indicatorId: string, cell: string): DataElementRow | undefined;
	orgUnitOf(locationId: string): string | undefined;
	cellOf(dataElement: string, categoryOptionCombo: string): DataElementRow | undefined;
	locationOf(orgUnit: string): string | undefined;
}

export function indexMapping(mapping: ExchangeMapping): MappingIndex {
	const byCell = new Map(mapping.dataElements.map((r) => [`${r.indicatorId}|${r.cell}`, r]));
	const byTarget = new Map(
		mapping.dataElements.map((r) => [`${r.dataElement}|${r.categoryOptionCombo}`, r])
	);
	const orgUnits = new Map(mapping.orgUnits.map((r) => [r.locationId, r.orgUnit]));
	const places = new Map(mapping.orgUnits.map((r) => [r.orgUnit, r.locationId]));
	return {
		dataElementOf: (indicatorId, cell) => byCell.get(`${indicatorId}|${cell || TOTAL_CELL}`),
		orgUnitOf: (locationId) => orgUnits.get(locationId),
		cellOf: (dataElement, coc) => byTarget.get(`${dataElement}|${coc}`),
		locationOf: (orgUnit) => places.get(orgUnit)
	};
}
