import { describe, expect, it } from 'vitest';
import { fromDataValueSet, toDataValueSet } from './dhis2';
import { dhis2ImportRows, withRefusals } from './dhis2-import';
import { draftOf, draftProblems, elementField, mappingOf, placeField } from './editor';
import { emptyMapping, parseMapping, type ExchangeMapping } from './mapping';
import type { MatchedRow } from '../import/preview';

const INDICATORS = [
	{ id: 'ind-h2', code: 'H2', disaggregations: [], formula: null },
	{ id: 'ind-e1', code: 'E1', disaggregations: ['sex' as const], formula: null },
	{
		id: 'ind-h10',
		code: 'H10',
		disaggregations: [],
		formula: { op: 'ratio', numerator: 'H2', denominator: 'E1' } as never
	}
];
const LOCATIONS = [{ id: 'dist-ganja' }, { id: 'dist-yasamal' }];

const SAVED: ExchangeMapping = {
	...emptyMapping(),
	dataElements: [
		{
			indicatorId: 'ind-e1',
			cell: 'sex=male',
			dataElement: 'fbfJHSPpUQD',
			categoryOptionCombo: 'PT59n8BQbqM'
		},
		{
			indicatorId: 'ind-gone',
			cell: 'total',
			dataElement: 'cYeuwXTCPkU',
			categoryOptionCombo: 'HllvX50cXC0'
		}
	],
	orgUnits: [{ locationId: 'dist-yasamal', orgUnit: 'ImspTQPwCqd' }]
};

describe('the mapping editor draft', () => {
	it('has a line per cell of every entered indicator, by code, and keeps orphans', () => {
		const draft = draftOf(SAVED, INDICATORS, LOCATIONS);
		expect(draft.elements.map((l) => `${l.indicatorId}|${l.cell}|${l.orphan}`)).toEqual([
			'ind-e1|sex=female|false',
			'ind-e1|sex=male|false',
			'ind-h2|total|false',
			'ind-gone|total|true'
		]);
		expect(draft.elements[1]!.dataElement).toBe('fbfJHSPpUQD');
		expect(draft.places.map((p) => [p.locationId, p.orgUnit])).toEqual([
			['dist-ganja', ''],
			['dist-yasamal', 'ImspTQPwCqd']
		]);
	});

	it('saves back exactly what it was made from when nothing is edited', () => {
		const { mapping } = mappingOf(draftOf(SAVED, INDICATORS, LOCATIONS));
		expect(mapping.orgUnits).toEqual(SAVED.orgUnits);
		expect(new Set(mapping.dataElements)).toEqual(new Set(SAVED.dataElements));
	});

	it('names each wrong field and leaves lines with both fields empty alone', () => {
		const draft = draftOf(emptyMapping(), INDICATORS, LOCATIONS);
		draft.elements[0]!.dataElement = 'fbfJHSPpUQ';
		draft.places[1]!.orgUnit = ' ImspTQPwCqd';
		draft.dataSet = '1bOMPrpg1QX';
		expect(draftProblems(draft)).toEqual([
			{ field: 'dataSet', problem: { code: 'start' } },
			{ field: elementField(0, 'dataElement'), problem: { code: 'length', length: 10 } },
			{ field: elementField(0, 'categoryOptionCombo'), problem: { code: 'empty' } },
			{ field: placeField(1), problem: { code: 'spaces' } }
		]);
	});

	it("turns the saved mapping's field names back into the draft's", () => {
		const draft = draftOf(emptyMapping(), INDICATORS, LOCATIONS);
		draft.elements[2]!.dataElement = 'fbfJHSPpUQD';
		draft.elements[2]!.categoryOptionCombo = 'HllvX50cXC0';
		draft.places[0]!.orgUnit = 'DiszpKrYNg8';
		draft.places[1]!.orgUnit = 'DiszpKrYNg8';
		const { mapping, fieldOf } = mappingOf(draft);
		const parsed = parseMapping(mapping);
		expect(parsed.ok).toBe(false);
		if (parsed.ok) return;
		expect(parsed.problems.map((p) => fieldOf(p.field ?? ''))).toEqual([placeField(1)]);
		expect(fieldOf('mapping.dataElements.0.categoryOptionCombo')).toBe(
			elementField(2, 'categoryOptionCombo')
		);
	});
});

describe('a DHIS2 file in the import preview', () => {
	const mapping: ExchangeMapping = {
		...emptyMapping(),
		dataElements: [
			{
				indicatorId: 'ind-h2',
				cell: 'total',
				dataElement: 'cYeuwXTCPkU',
				categoryOptionCombo: 'HllvX50cXC0'
			}
		],
		orgUnits: [{ locationId: 'dist-ganja', orgUnit: 'DiszpKrYNg8' }]
	};

	it("makes each line the mapping cannot translate a refused row with the file's words", () => {
		const read = fromDataValueSet(
			{
				dataValues: [
					{ dataElement: 'cYeuwXTCPkU', period: '2025Q3', orgUnit: 'DiszpKrYNg8', value: '7' },
					{ dataElement: 'cYeuwXTCPkU', period: '2025W27', orgUnit: 'DiszpKrYNg8', value: '7' },
					{ dataElement: 'cYeuwXTCPkU', period: '2025Q3', orgUnit: 'ImspTQPwCqd', value: '7' }
				]
			},
			mapping,
			(id) => (id === 'ind-h2' ? 'H2' : undefined)
		);
		expect(read.ok).toBe(true);
		if (!read.ok) return;
		const { rows, refused } = dhis2ImportRows(read);
		expect(rows).toEqual([
			{ line: 1, indicator: 'H2', place: 'dist-ganja', period: '2025Q3', cell: 'total', value: '7' }
		]);
		expect(refused).toEqual([
			{
				line: 2,
				kind: 'refused',
				reason: { key: 'exchange:read.unsupported-period', params: { value: '2025W27' } }
			},
			{
				line: 3,
				kind: 'refused',
				reason: { key: 'exchange:read.unmapped-org-unit', params: { value: 'ImspTQPwCqd' } }
			}
		]);
	});

	it("reads back an export's values as rows of the same figures", () => {
		const out = toDataValueSet(
			[
				{
					indicatorId: 'ind-h2',
					locationId: 'dist-ganja',
					period: '2025Q3',
					cell: 'total',
					value: 12.5,
					comment: 'checked'
				}
			],
			mapping
		);
		const read = fromDataValueSet(JSON.parse(JSON.stringify(out.set)), mapping, () => 'H2');
		expect(read.ok && dhis2ImportRows(read).rows).toEqual([
			{
				line: 1,
				indicator: 'H2',
				place: 'dist-ganja',
				period: '2025Q3',
				cell: 'total',
				value: '12.5',
				comment: 'checked'
			}
		]);
	});

	it("keeps the file's order when refusals join the matched rows", () => {
		const refused = (line: number): MatchedRow => ({
			line,
			kind: 'refused',
			reason: { key: 'x' }
		});
		expect(withRefusals([refused(1), refused(4)], [refused(2)]).map((r) => r.line)).toEqual([
			1, 2, 4
		]);
	});
});
