import { gridCellKeys } from '../disaggregation';
import type { Indicator } from '../indicators';
import type { Location } from '../locations';
import { DHIS2_MAPPING_ID, type ExchangeMapping } from './mapping';
import { uidProblemOf, type UidProblem } from './uid';

/**
 * The mapping as the exchange screen edits it: one line per indicator cell that can hold a
 * value (computed indicators have none) and one per place, each with its UID fields as typed,
 * empty when not mapped. Lines of the saved mapping that the catalogue no longer has are kept
 * (`orphan`), so a save never drops rows the coordinator cannot see.
 */
export interface ElementLine {
	indicatorId: string;
	cell: string;
	dataElement: string;
	categoryOptionCombo: string;
	orphan: boolean;
}

export interface PlaceLine {
	locationId: string;
	orgUnit: string;
	orphan: boolean;
}

export interface MappingDraft {
	dataSet: string;
	attributeOptionCombo: string;
	elements: ElementLine[];
	places: PlaceLine[];
}

type CatalogueIndicator = Pick<Indicator, 'id' | 'code' | 'disaggregations' | 'formula'>;

export function draftOf(
	mapping: ExchangeMapping,
	indicators: readonly CatalogueIndicator[],
	locations: readonly Pick<Location, 'id'>[]
): MappingDraft {
	const byCell = new Map(mapping.dataElements.map((r) => [`${r.indicatorId}|${r.cell}`, r]));
	const elements: ElementLine[] = [];
	const sorted = [...indicators]
		.filter((i) => !i.formula)
		.sort((a, b) => a.code.localeCompare(b.code, 'en', { numeric: true }));
	for (const indicator of sorted) {
		for (const cell of gridCellKeys(indicator.disaggregations)) {
			const key = `${indicator.id}|${cell}`;
			const row = byCell.get(key);
			byCell.delete(key);
			elements.push({
				indicatorId: indicator.id,
				cell,
				dataElement: row?.dataElement ?? '',
				categoryOptionCombo: row?.categoryOptionCombo ?? '',
				orphan: false
			});
		}
	}
	for (const row of byCell.values()) elements.push({ ...row, orphan: true });
	const byPlace = new Map(mapping.orgUnits.map((r) => [r.locationId, r.orgUnit]));
	const places: PlaceLine[] = locations.map((l) => {
		const orgUnit = byPlace.get(l.id) ?? '';
		byPlace.delete(l.id);
		return { locationId: l.id, orgUnit, orphan: false };
	});
	for (const [locationId, orgUnit] of byPlace) places.push({ locationId, orgUnit, orphan: true });
	return {
		dataSet: mapping.dataSet,
		attributeOptionCombo: mapping.attributeOptionCombo,
		elements,
		places
	};
}

/** A field of the draft that is wrong, by the id of its input, and why (for the user's language). */
export interface DraftProblem {
	field: string;
	problem: UidProblem;
}

export const elementField = (i: number, part: 'dataElement' | 'categoryOptionCombo') =>
	`dataElements.${i}.${part}`;
export const placeField = (i: number) => `orgUnits.${i}.orgUnit`;

/**
 * The problems of every field, checked as the server will check them: a line with both fields
 * empty is simply not mapped; one with only one filled names the empty one. Spaces typed
 * around a UID are a problem, not silently trimmed: the UID pasted may be the wrong one.
 */
export function draftProblems(draft: MappingDraft): DraftProblem[] {
	const problems: DraftProblem[] = [];
	const check = (field: string, value: string) => {
		const problem = uidProblemOf(value);
		if (problem) problems.push({ field, problem });
	};
	if (draft.dataSet !== '') check('dataSet', draft.dataSet);
	if (draft.attributeOptionCombo !== '') check('attributeOptionCombo', draft.attributeOptionCombo);
	draft.elements.forEach((line, i) => {
		if (line.dataElement === '' && line.categoryOptionCombo === '') return;
		check(elementField(i, 'dataElement'), line.dataElement);
		check(elementField(i, 'categoryOptionCombo'), line.categoryOptionCombo);
	});
	draft.places.forEach((line, i) => {
		if (line.orgUnit !== '') check(placeField(i), line.orgUnit);
	});
	return problems;
}

/**
 * The mapping to save: the filled lines only. `fieldOf` turns a field of the saved mapping
 * (as the server names it in a refusal) back into the draft's field, whose input shows it.
 */
export function mappingOf(draft: MappingDraft): {
	mapping: ExchangeMapping;
	fieldOf: (field: string) => string;
} {
	const elementAt: number[] = [];
	const placeAt: number[] = [];
	const dataElements: ExchangeMapping['dataElements'] = [];
	draft.elements.forEach((line, i) => {
		if (line.dataElement === '' && line.categoryOptionCombo === '') return;
		elementAt.push(i);
		const { indicatorId, cell, dataElement, categoryOptionCombo } = line;
		dataElements.push({ indicatorId, cell, dataElement, categoryOptionCombo });
	});
	const orgUnits: ExchangeMapping['orgUnits'] = [];
	draft.places.forEach((line, i) => {
		if (line.orgUnit === '') return;
		placeAt.push(i);
		orgUnits.push({ locationId: line.locationId, orgUnit: line.orgUnit });
	});
	const mapping: ExchangeMapping = {
		id: DHIS2_MAPPING_ID,
		dataSet: draft.dataSet,
		attributeOptionCombo: draft.attributeOptionCombo,
		dataElements,
		orgUnits
	};
	const fieldOf = (field: string) => {
		const plain = field.replace(/^mapping\./, '');
		const match = /^(dataElements|orgUnits)\.(\d+)\.(\w+)$/.exec(plain);
		if (!match) return plain;
		const at = (match[1] === 'dataElements' ? elementAt : placeAt)[Number(match[2])];
		if (at === undefined) return plain;
		if (match[1] === 'orgUnits') return placeField(at);
		const part = match[3] === 'categoryOptionCombo' ? 'categoryOptionCombo' : 'dataElement';
		return elementField(at, part);
	};
	return { mapping, fieldOf };
}
