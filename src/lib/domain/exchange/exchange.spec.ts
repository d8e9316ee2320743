import { describe, expect, it } from 'vitest';
import { toActivityInfoCsv, ACTIVITYINFO_COLUMNS } from './activityinfo';
import { fromDataValueSet, toDataValueSet } from './dhis2';
import { emptyMapping, parseMapping, type ExchangeMapping } from './mapping';
import { fromDhis2Period, toDhis2Period } from './periods';
import { isDhis2Uid, uidProblem } from './uid';
import { countByReason, type ExportValue } from './values';

// UIDs in DHIS2's form, as its Sierra Leone demo database has them.
const DE_ENROLLED = 'fbfJHSPpUQD';
const DE_HOUSED = 'cYeuwXTCPkU';
const COC_FEMALE = 'pq2XI5kz2BY';
const COC_MALE = 'PT59n8BQbqM';
const COC_DEFAULT = 'HllvX50cXC0';
const OU_GANJA = 'DiszpKrYNg8';
const OU_BAKU = 'ImspTQPwCqd';
const DATA_SET = 'pBOMPrpg1QX';

const MAPPING: ExchangeMapping = {
	...emptyMapping(),
	dataSet: DATA_SET,
	dataElements: [
		{
			indicatorId: 'ind-e1',
			cell: 'sex=female',
			dataElement: DE_ENROLLED,
			categoryOptionCombo: COC_FEMALE
		},
		{
			indicatorId: 'ind-e1',
			cell: 'sex=male',
			dataElement: DE_ENROLLED,
			categoryOptionCombo: COC_MALE
		},
		{
			indicatorId: 'ind-h1',
			cell: 'total',
			dataElement: DE_HOUSED,
			categoryOptionCombo: COC_DEFAULT
		}
	],
	orgUnits: [
		{ locationId: 'reg-ganja-dashkasan', orgUnit: OU_GANJA },
		{ locationId: 'reg-baku', orgUnit: OU_BAKU }
	]
};

const value = (over: Partial<ExportValue>): ExportValue => ({
	indicatorId: 'ind-h1',
	locationId: 'reg-ganja-dashkasan',
	period: '2025Q3',
	cell: 'total',
	value: 12,
	comment: '',
	...over
});

const CODES: Record<string, string> = { 'ind-e1': 'E1', 'ind-h1': 'H1' };
const codeOf = (id: string) => CODES[id];

describe('DHIS2 periods', () => {
	it("writes the app's month, quarter and year as DHIS2 does", () => {
		expect(toDhis2Period('2025-07')).toBe('202507');
		expect(toDhis2Period('2025Q3')).toBe('2025Q3');
		expect(toDhis2Period('2025')).toBe('2025');
		expect(toDhis2Period('July 2025')).toBeNull();
	});

	it('reads them back, and no week, half-year or day (the app has none)', () => {
		expect(fromDhis2Period('202507')).toBe('2025-07');
		expect(fromDhis2Period('2025Q3')).toBe('2025Q3');
		expect(fromDhis2Period('2025')).toBe('2025');
		for (const other of ['2025W27', '2025S1', '20250701', '202513', '2025Q5', '2025BiW1']) {
			expect(fromDhis2Period(other), other).toBeNull();
		}
	});
});

describe('DHIS2 UIDs', () => {
	it('takes 11 letters and digits starting with a letter', () => {
		expect(isDhis2Uid(DE_ENROLLED)).toBe(true);
		expect(isDhis2Uid('1bfJHSPpUQD')).toBe(false);
		expect(isDhis2Uid('fbfJHSPpUQ')).toBe(false);
		expect(isDhis2Uid('fbfJHSPp-QD')).toBe(false);
	});

	it('says what is wrong with one that is not', () => {
		expect(uidProblem('orgUnit', '')).toBe('orgUnit is empty: copy the UID from DHIS2');
		expect(uidProblem('orgUnit', ' DiszpKrYNg8')).toBe('orgUnit has spaces around it');
		expect(uidProblem('orgUnit', 'DiszpKrYNg')).toBe('orgUnit must be 11 characters long, not 10');
		expect(uidProblem('orgUnit', '9iszpKrYNg8')).toBe('orgUnit must start with a letter');
		expect(uidProblem('orgUnit', 'Diszp-rYNg8')).toBe(
			'orgUnit may hold only the letters A–Z, a–z and the digits 0–9'
		);
	});
});

describe('the DHIS2 mapping', () => {
	it('takes a well-formed mapping', () => {
		expect(parseMapping(MAPPING)).toEqual({ ok: true, value: MAPPING });
	});

	it('names the row and field of a bad UID', () => {
		const bad = structuredClone(MAPPING);
		bad.dataElements[1]!.categoryOptionCombo = 'PT59n8BQbq';
		bad.orgUnits[0]!.orgUnit = 'Ganja';
		const parsed = parseMapping(bad);
		expect(parsed.ok).toBe(false);
		if (parsed.ok) return;
		expect(parsed.problems).toEqual([
			{
				field: 'dataElements.1.categoryOptionCombo',
				message: 'categoryOptionCombo must be 11 characters long, not 10'
			},
			{ field: 'orgUnits.0.orgUnit', message: 'orgUnit must be 11 characters long, not 5' }
		]);
	});

	it('refuses a cell that is not a cell and an empty data set that is not empty', () => {
		const bad = { ...structuredClone(MAPPING), dataSet: 'x' };
		bad.dataElements[0]!.cell = 'female';
		const parsed = parseMapping(bad);
		expect(parsed.ok).toBe(false);
		if (parsed.ok) return;
		expect(parsed.problems.map((p) => p.field)).toEqual(['dataSet', 'dataElements.0.cell']);
	});

	it('refuses a cell mapped twice, and one UID pair or org unit given twice', () => {
		const bad = structuredClone(MAPPING);
		bad.dataElements.push({ ...bad.dataElements[0]!, categoryOptionCombo: COC_DEFAULT });
		bad.dataElements.push({ ...bad.dataElements[2]!, indicatorId: 'ind-h2' });
		bad.orgUnits.push({ locationId: 'reg-baku', orgUnit: 'ZZZZZZZZZZZ' });
		bad.orgUnits.push({ locationId: 'reg-shaki', orgUnit: OU_GANJA });
		const parsed = parseMapping(bad);
		expect(parsed.ok).toBe(false);
		if (parsed.ok) return;
		expect(parsed.problems).toEqual([
			{
				field: 'dataElements.3.cell',
				message: 'cell sex=female of this indicator is already mapped in row 1'
			},
			{
				field: 'dataElements.4.categoryOptionCombo',
				message: 'this data element and category option combo are already used in row 3'
			},
			{ field: 'orgUnits.2.locationId', message: 'this place is already mapped in row 2' },
			{
				field: 'orgUnits.3.orgUnit',
				message: 'this org unit is already given to the place in row 1'
			}
		]);
	});
});

describe('export to DHIS2 dataValueSets', () => {
	it('writes the documented shape: dataValues naming element, period, org unit and combo', () => {
		const { set, skipped } = toDataValueSet(
			[
				value({ indicatorId: 'ind-e1', cell: 'sex=female', value: 40, comment: 'from schools' }),
				value({ indicatorId: 'ind-e1', cell: 'sex=male', value: 38.5, locationId: 'reg-baku' }),
				value({ period: '2025' })
			],
			MAPPING,
			{ storedBy: 'coordinator' }
		);
		expect(skipped).toEqual([]);
		expect(set).toEqual({
			dataSet: DATA_SET,
			dataValues: [
				{
					dataElement: DE_ENROLLED,
					period: '2025Q3',
					orgUnit: OU_GANJA,
					categoryOptionCombo: COC_FEMALE,
					value: '40',
					comment: 'from schools',
					storedBy: 'coordinator'
				},
				{
					dataElement: DE_ENROLLED,
					period: '2025Q3',
					orgUnit: OU_BAKU,
					categoryOptionCombo: COC_MALE,
					value: '38.5',
					storedBy: 'coordinator'
				},
				{
					dataElement: DE_HOUSED,
					period: '2025',
					orgUnit: OU_GANJA,
					categoryOptionCombo: COC_DEFAULT,
					value: '12',
					storedBy: 'coordinator'
				}
			]
		});
		// DHIS2 reads every value as text, and no field beyond its documented ones.
		for (const dv of set.dataValues) {
			expect(typeof dv.value).toBe('string');
			expect(Object.keys(dv).every((k) => DOCUMENTED.has(k))).toBe(true);
		}
	});

	it('writes a month as DHIS2 names it and large numbers without an exponent', () => {
		const { set } = toDataValueSet([value({ period: '2025-07', value: 1e21 })], MAPPING);
		expect(set.dataValues[0]).toMatchObject({ period: '202507', value: '1000000000000000000000' });
	});

	it('lists each value it cannot name, with the reason, and counts them', () => {
		const { set, skipped } = toDataValueSet(
			[
				value({ indicatorId: 'ind-e1', cell: 'total' }),
				value({ locationId: 'dist-dashkasan' }),
				value({ value: null }),
				value({ deleted: true }),
				value({ value: 3 }),
				value({ value: 0 })
			],
			MAPPING,
			{ suppression: { threshold: 5, unitOf: () => 'count' } }
		);
		expect(set.dataValues.map((dv) => dv.value)).toEqual(['0']);
		expect(skipped.map((s) => s.reason)).toEqual([
			'no-data-element',
			'no-org-unit',
			'empty',
			'empty',
			'suppressed'
		]);
		expect(skipped[1]).toEqual({
			indicatorId: 'ind-h1',
			locationId: 'dist-dashkasan',
			period: '2025Q3',
			cell: 'total',
			reason: 'no-org-unit'
		});
		expect(countByReason(skipped)).toEqual({
			'no-data-element': 1,
			'no-org-unit': 1,
			'no-period': 0,
			empty: 2,
			suppressed: 1
		});
	});

	it('leaves the data set out when the mapping names none, and adds the attribute combo', () => {
		const { set } = toDataValueSet([value({})], {
			...MAPPING,
			dataSet: '',
			attributeOptionCombo: 'bRowv6yZOF2'
		});
		expect(Object.keys(set)).toEqual(['dataValues']);
		expect(set.dataValues[0]?.attributeOptionCombo).toBe('bRowv6yZOF2');
	});
});

const DOCUMENTED = new Set([
	'dataElement',
	'period',
	'orgUnit',
	'categoryOptionCombo',
	'attributeOptionCombo',
	'value',
	'storedBy',
	'created',
	'lastUpdated',
	'comment',
	'followup'
]);

describe('import from DHIS2 dataValueSets', () => {
	it("reads the documented example's form: period and org unit given once for the set", () => {
		const file = {
			dataSet: DATA_SET,
			completeDate: '2025-10-02',
			period: '2025Q3',
			orgUnit: OU_GANJA,
			dataValues: [
				{
					dataElement: DE_ENROLLED,
					categoryOptionCombo: COC_FEMALE,
					value: '1',
					comment: 'comment1'
				},
				{
					dataElement: DE_ENROLLED,
					categoryOptionCombo: COC_MALE,
					value: '2',
					comment: 'comment2'
				},
				{ dataElement: DE_HOUSED, value: '3' }
			]
		};
		expect(fromDataValueSet(file, MAPPING, codeOf)).toEqual({
			ok: true,
			problems: [],
			rows: [
				{
					line: 1,
					indicator: 'E1',
					place: 'reg-ganja-dashkasan',
					period: '2025Q3',
					cell: 'sex=female',
					value: '1',
					comment: 'comment1'
				},
				{
					line: 2,
					indicator: 'E1',
					place: 'reg-ganja-dashkasan',
					period: '2025Q3',
					cell: 'sex=male',
					value: '2',
					comment: 'comment2'
				},
				{
					line: 3,
					indicator: 'H1',
					place: 'reg-ganja-dashkasan',
					period: '2025Q3',
					cell: 'total',
					value: '3'
				}
			]
		});
	});

	it('says which lines it cannot read and why, and reads the others', () => {
		const file = {
			dataValues: [
				{
					dataElement: 'unknownDE01',
					categoryOptionCombo: COC_DEFAULT,
					period: '2025Q3',
					orgUnit: OU_GANJA,
					value: '1'
				},
				{ dataElement: DE_HOUSED, period: '2025Q3', orgUnit: 'unknownOU01', value: '1' },
				{ dataElement: DE_HOUSED, period: '2025W27', orgUnit: OU_GANJA, value: '1' },
				{ dataElement: DE_HOUSED, orgUnit: OU_GANJA, value: '1' },
				'not a value',
				{ dataElement: DE_HOUSED, period: '2025Q3', orgUnit: OU_GANJA },
				{ dataElement: DE_HOUSED, period: '2025Q3', orgUnit: OU_BAKU, value: '7', deleted: true },
				{ dataElement: DE_HOUSED, period: 202509, orgUnit: OU_BAKU, value: 8 }
			]
		};
		const read = fromDataValueSet(file, MAPPING, codeOf);
		expect(read.ok).toBe(true);
		if (!read.ok) return;
		expect(read.problems).toEqual([
			{ line: 1, code: 'unmapped-data-element', value: `unknownDE01.${COC_DEFAULT}` },
			{ line: 2, code: 'unmapped-org-unit', value: 'unknownOU01' },
			{ line: 3, code: 'unsupported-period', value: '2025W27' },
			{ line: 4, code: 'no-period' },
			{ line: 5, code: 'not-an-object' },
			{ line: 6, code: 'no-value' }
		]);
		expect(read.rows.map((r) => [r.line, r.period, r.value])).toEqual([
			[7, '2025Q3', ''],
			[8, '2025-09', '8']
		]);
	});

	it('refuses a file that is not a data value set', () => {
		for (const file of [null, [], { dataValues: 'x' }, { values: [] }]) {
			expect(fromDataValueSet(file, MAPPING).ok, JSON.stringify(file)).toBe(false);
		}
	});

	it('reads its own export back to the same values (round trip through JSON text)', () => {
		const values = [
			value({ indicatorId: 'ind-e1', cell: 'sex=female', value: 40, comment: 'a, "quoted" note' }),
			value({ indicatorId: 'ind-e1', cell: 'sex=male', value: 0.25, locationId: 'reg-baku' }),
			value({ period: '2025-07', value: 1234567 }),
			value({ period: '2026', value: 9 })
		];
		const { set } = toDataValueSet(values, MAPPING);
		const read = fromDataValueSet(JSON.parse(JSON.stringify(set)), MAPPING, codeOf);
		expect(read.ok).toBe(true);
		if (!read.ok) return;
		expect(read.problems).toEqual([]);
		expect(
			read.rows.map((r) => ({
				indicatorId: Object.keys(CODES).find((id) => CODES[id] === r.indicator),
				locationId: r.place,
				period: r.period,
				cell: r.cell,
				value: Number(r.value),
				comment: r.comment ?? ''
			}))
		).toEqual(values);
	});
});

describe('export to ActivityInfo', () => {
	const indicators = [
		{
			id: 'ind-e1',
			code: 'E1',
			name: { az: 'Məktəbə yazılanlar', en: 'Enrolled', ru: 'Зачислены' },
			unit: 'count' as const
		}
	];
	const locations = [
		{
			id: 'reg-ganja-dashkasan',
			parentId: 'az',
			level: 'region' as const,
			name: { az: 'Gəncə-Daşkəsən', en: 'Ganja-Dashkasan', ru: 'Гянджа-Дашкесан' }
		}
	];

	it('writes one row per value with every field, under fixed headers', () => {
		const out = toActivityInfoCsv(
			[
				value({ indicatorId: 'ind-e1', cell: 'sex=female;age=18-34', value: 40, comment: 'a, b' }),
				value({ indicatorId: 'ind-e1', value: 2 }),
				value({ indicatorId: 'ind-e1', value: null })
			],
			{ indicators, locations, lang: 'az', threshold: 5 }
		);
		expect(out.rows).toBe(1);
		expect(out.skipped.map((s) => s.reason)).toEqual(['suppressed', 'empty']);
		const lines = out.csv.replace(/^\uFEFF/, '').split('\r\n');
		expect(lines[0]).toBe(ACTIVITYINFO_COLUMNS.join(','));
		expect(lines[1]).toBe(
			'E1,Məktəbə yazılanlar,reg-ganja-dashkasan,Gəncə-Daşkəsən,region,2025Q3,2025-07-01,2025-09-30,female,18-34,40,count,"a, b"'
		);
		expect(lines[2]).toBe('');
	});
});
