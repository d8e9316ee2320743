import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../languages';
import { periodLabel } from '../periods';
import { SEED_INDICATORS } from '../seed/catalogue';
import { SEED_LOCATIONS } from '../seed/locations';
import { valueId } from '../value-id';
import { readCell } from './cells';
import { columnSetKey, guessMapping, missingFields } from './headers';
import { readPeriod } from './periods';
import { countOutcomes, previewImport, type CurrentValue } from './preview';
import type { ImportRow } from './rows';
import { rowsFromTable } from './table';

const byCode = (code: string) => SEED_INDICATORS.find((i) => i.code === code)!;

describe('header guessing', () => {
	it('maps English, Azerbaijani and Russian headers, preferring the code over the name', () => {
		expect(guessMapping(['Code', 'Indicator', 'Place', 'Period', 'Value', 'Unit'])).toEqual({
			indicator: 0,
			place: 2,
			period: 3,
			cell: null,
			value: 4,
			comment: null
		});
		expect(guessMapping(['Göstərici', 'Ərazi', 'Dövr', 'Xana', 'Dəyər', 'Şərh'])).toEqual({
			indicator: 0,
			place: 1,
			period: 2,
			cell: 3,
			value: 4,
			comment: 5
		});
		expect(
			guessMapping(['Комментарий', 'ЗНАЧЕНИЕ', 'Период', 'Территория', 'Код показателя'])
		).toEqual({ indicator: 4, place: 3, period: 2, cell: null, value: 1, comment: 0 });
	});

	it('leaves unknown columns unmapped and says which required ones are missing', () => {
		const mapping = guessMapping(['foo', 'Indicator', 'bar']);
		expect(mapping.indicator).toBe(1);
		expect(missingFields(mapping)).toEqual(['place', 'period', 'value']);
	});

	it('names a column set by its folded headers, so case and accents do not make a new set', () => {
		expect(columnSetKey(['Dəyər', 'Dövr'])).toBe(columnSetKey(['DƏYƏR', 'dövr']));
		expect(columnSetKey(['a', 'b'])).not.toBe(columnSetKey(['b', 'a']));
	});
});

describe('periods as spreadsheets write them', () => {
	it.each([
		['2025Q3', '2025Q3'],
		['2025-07', '2025-07'],
		['2025', '2025'],
		['2025 Q3', '2025Q3'],
		['Q3 2025', '2025Q3'],
		['2025-q3', '2025Q3'],
		['III rüb 2025', '2025Q3'],
		['2025-ci ilin III rübü', '2025Q3'],
		['3 кв. 2025', '2025Q3'],
		['III квартал 2025 г.', '2025Q3'],
		['3-й квартал 2025', '2025Q3'],
		['2025/7', '2025-07'],
		['07.2025', '2025-07'],
		['July 2025', '2025-07'],
		['İyul 2025', '2025-07'],
		['Июль 2025 г.', '2025-07'],
		['май 2025', '2025-05'],
		['Mart 2025', '2025-03'],
		['2025-ci il', '2025'],
		['2025 г.', '2025']
	])('reads %s as %s', (text, period) => {
		expect(readPeriod(text)).toEqual({ period });
	});

	it('reads every label the app prints, in every language and style', () => {
		for (const id of ['2026-01', '2026-05', '2026-09', '2026Q1', '2026Q4', '2026', '2030']) {
			for (const lang of LANGUAGES) {
				for (const style of ['long', 'short'] as const) {
					expect(readPeriod(periodLabel(id, lang, style)), `${lang} ${style}`).toEqual({
						period: id
					});
				}
			}
		}
	});

	it('keeps a date for the indicator to decide, and refuses what is not a period', () => {
		expect(readPeriod('2025-07-15')).toEqual({ date: '2025-07-15' });
		for (const text of ['', 'soon', '2025 Q5', '13.2025', 'V rüb 2025', '2024 2025']) {
			expect(readPeriod(text), text).toBeNull();
		}
	});
});

describe('disaggregation cells', () => {
	it('reads keys, totals and words in three languages', () => {
		expect(readCell('')).toBe('total');
		expect(readCell('Cəmi')).toBe('total');
		expect(readCell('sex=female;age=18-34')).toBe('sex=female;age=18-34');
		expect(readCell('Female, 18–34')).toBe('sex=female;age=18-34');
		expect(readCell('qadın')).toBe('sex=female');
		expect(readCell('мужчины 60+')).toBe('sex=male;age=60+');
		expect(readCell('female refugees')).toBeNull();
		expect(readCell('18-20')).toBeNull();
	});
});

describe('the preview of an import', () => {
	const catalogue = {
		indicators: SEED_INDICATORS,
		locations: SEED_LOCATIONS,
		scope: ['reg-ganja-dashkasan']
	};
	const h2 = byCode('H2');
	const heldId = valueId(h2.id, 'dist-ganja', '2025Q3', 'total');
	const held = new Map<string, CurrentValue>([[heldId, { value: 12, comment: 'checked' }]]);
	const row = (line: number, fields: Partial<ImportRow>): ImportRow => ({
		line,
		indicator: 'H2',
		place: 'Gəncə',
		period: '2025 Q3',
		value: '12',
		...fields
	});

	it('tells new, changed, unchanged, refused and outside rows apart, with counts', () => {
		const outcomes = previewImport(
			[
				row(2, {}),
				row(3, { value: '15', place: 'gence' }),
				row(4, { period: 'III rüb 2025', place: 'Ganja-Dashkasan' }),
				row(5, { place: 'Yasamal district' }),
				row(6, { value: '12.5', period: '2025Q4' }),
				row(7, { indicator: 'Z9' })
			],
			catalogue,
			(id) => held.get(id),
			'en'
		);
		expect(outcomes.map((o) => o.kind)).toEqual([
			'unchanged',
			'refused',
			'new',
			'outside',
			'refused',
			'refused'
		]);
		// Line 3 names the same value as line 2: the second is refused, naming the first.
		expect(outcomes[1]).toMatchObject({
			reason: { key: 'import:refused.duplicate', params: { other: 2 } }
		});
		expect(outcomes[4]).toMatchObject({ reason: { key: 'validation:not_whole' } });
		expect(outcomes[5]).toMatchObject({
			reason: { key: 'import:refused.unknown_indicator', params: { indicator: 'Z9' } }
		});
		expect(countOutcomes(outcomes)).toEqual({
			new: 1,
			change: 0,
			unchanged: 1,
			refused: 3,
			outside: 1
		});
	});

	it('shows a change from x to y and keeps the comment the file does not give', () => {
		const [outcome] = previewImport(
			[row(2, { value: '1 234' })],
			catalogue,
			(id) => held.get(id),
			'ru'
		);
		expect(outcome).toEqual({
			line: 2,
			kind: 'change',
			target: {
				id: heldId,
				indicatorId: h2.id,
				locationId: 'dist-ganja',
				period: '2025Q3',
				cell: 'total'
			},
			from: 12,
			value: 1234,
			comment: 'checked'
		});
	});

	it('checks the period against the indicator, and the cell against its grid', () => {
		const outcomes = previewImport(
			[
				row(2, { period: '2025-07' }),
				row(3, { indicator: 'H3', period: '2025-07-15', value: '7' }),
				row(4, { cell: 'female' }),
				row(5, { indicator: 'E1', period: '2025', cell: 'qadın', value: '90' }),
				row(6, { indicator: 'Доля семей беженцев в местах коллективного размещения', value: '140' })
			],
			{ ...catalogue, scope: null },
			() => undefined,
			'az'
		);
		expect(outcomes[0]).toMatchObject({
			kind: 'refused',
			reason: { key: 'import:refused.periodicity_quarterly' }
		});
		expect(outcomes[1]).toMatchObject({ kind: 'new', target: { period: '2025-07' }, value: 7 });
		expect(outcomes[2]).toMatchObject({
			kind: 'refused',
			reason: { key: 'import:refused.cell_not_in_grid' }
		});
		expect(outcomes[3]).toMatchObject({ kind: 'new', target: { cell: 'sex=female' } });
		expect(outcomes[4]).toMatchObject({
			kind: 'refused',
			reason: { key: 'validation:out_of_range', params: { min: 0, max: 100 } }
		});
	});

	it('turns a mapped table into rows with the file line numbers, skipping blank lines', () => {
		const rows = rowsFromTable(
			{
				headers: ['Code', 'Place', 'Period', 'Value'],
				rows: [
					['H2', 'Gəncə', '2025Q3', '4'],
					['', '', '', ''],
					['H2', 'x', 'y', '5']
				]
			},
			guessMapping(['Code', 'Place', 'Period', 'Value'])
		);
		expect(rows.map((r) => r.line)).toEqual([2, 4]);
		expect(rows[0]).toEqual({
			line: 2,
			indicator: 'H2',
			place: 'Gəncə',
			period: '2025Q3',
			cell: undefined,
			value: '4',
			comment: undefined
		});
	});
});
