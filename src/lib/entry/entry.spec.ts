import { describe, expect, it } from 'vitest';
import { validateValue } from '$lib/domain/validation';
import { cellState, cellStateKey } from './cell-state';
import { decideCommit } from './commit';
import { formatForInput, formatValue } from './format-value';
import { formulaInWords } from './formula-words';
import { buildGrid, cellName } from './grid';
import { periodOptions, resolveSelection } from './selection';

describe('cellState', () => {
	const base = { dirty: false, invalid: false, saving: false };

	it('says what the stored record says when nothing is typed', () => {
		expect(cellState({ ...base })).toBe('empty');
		expect(cellState({ ...base, record: { syncState: 'local' } })).toBe('local');
		expect(cellState({ ...base, record: { syncState: 'synced' } })).toBe('synced');
		expect(cellState({ ...base, record: { syncState: 'conflict' } })).toBe('conflict');
		expect(cellState({ ...base, record: { syncState: 'rejected' } })).toBe('rejected');
	});

	it('never says saved while typed text is not', () => {
		const record = { syncState: 'synced' as const };
		expect(cellState({ ...base, record, dirty: true })).toBe('unsaved');
		expect(cellState({ ...base, record, dirty: true, invalid: true })).toBe('invalid');
		expect(cellState({ ...base, record, dirty: true, storageFull: true })).toBe('storage_full');
		expect(cellState({ ...base, record, dirty: true, saving: true })).toBe('saving');
	});

	it('maps to message keys of the entry namespace', () => {
		expect(cellStateKey('local')).toBe('entry:state.local');
	});
});

describe('buildGrid', () => {
	it('lays out sex down the side and age groups across', () => {
		const grid = buildGrid(['age', 'sex']);
		expect(grid.rowDimension).toBe('sex');
		expect(grid.columnDimension).toBe('age');
		expect(grid.columns).toEqual(['0-17', '18-34', '35-59', '60+']);
		expect(grid.rows.map((r) => r.category)).toEqual(['female', 'male']);
		expect(grid.cells.map((c) => c.key)).toEqual([
			'sex=female;age=0-17',
			'sex=female;age=18-34',
			'sex=female;age=35-59',
			'sex=female;age=60+',
			'sex=male;age=0-17',
			'sex=male;age=18-34',
			'sex=male;age=35-59',
			'sex=male;age=60+'
		]);
	});

	it('gives one column for one dimension and one cell for none', () => {
		const one = buildGrid(['sex']);
		expect(one.columns).toEqual([]);
		expect(one.cells.map((c) => c.key)).toEqual(['sex=female', 'sex=male']);
		const none = buildGrid([]);
		expect(none.cells).toEqual([{ key: 'total', cell: {}, row: null, column: null }]);
	});

	it('names a cell for screen readers', () => {
		const names: Record<string, string> = { female: 'Female', '18-34': '18–34' };
		const [, cell] = buildGrid(['sex', 'age']).cells;
		expect(cellName(cell!, (c) => names[c] ?? c, 'Total')).toBe('Female, 18–34');
		expect(cellName(buildGrid([]).cells[0]!, (c) => c, 'Total')).toBe('Total');
	});
});

describe('decideCommit', () => {
	const base = { unit: 'count' as const, lang: 'en' as const, stored: undefined, previous: null };

	it('leaves an untouched empty cell alone and saves a cleared one as no value', () => {
		expect(decideCommit({ ...base, raw: '  ' })).toEqual({ kind: 'unchanged' });
		expect(decideCommit({ ...base, raw: '', stored: 4 })).toEqual({ kind: 'save', value: null });
	});

	it('refuses what breaks the unit rules, with the code and params for the message', () => {
		expect(decideCommit({ ...base, unit: 'percent', raw: '150' })).toEqual({
			kind: 'invalid',
			error: 'out_of_range',
			params: { min: 0, max: 100 }
		});
		expect(decideCommit({ ...base, raw: '2.5' })).toEqual({ kind: 'invalid', error: 'not_whole' });
	});

	it('does not save the same value twice', () => {
		expect(decideCommit({ ...base, raw: '12', stored: 12 })).toEqual({ kind: 'unchanged' });
	});

	it('asks before a tenfold jump from the previous period, and saves otherwise', () => {
		expect(decideCommit({ ...base, raw: '500', previous: 20 })).toEqual({
			kind: 'confirm',
			value: 500,
			previous: 20
		});
		expect(decideCommit({ ...base, raw: '25', previous: 20 })).toEqual({ kind: 'save', value: 25 });
		expect(decideCommit({ ...base, raw: '500' })).toEqual({ kind: 'save', value: 500 });
	});

	it('reads the decimal comma of Russian and Azerbaijani', () => {
		expect(decideCommit({ ...base, unit: 'rate', lang: 'ru', raw: '12,5' })).toEqual({
			kind: 'save',
			value: 12.5
		});
	});
});

describe('formatForInput', () => {
	it('puts a value back as text that reads back to the same number in every language', () => {
		for (const lang of ['az', 'en', 'ru'] as const) {
			for (const value of [0, 7, 1250, 12.5, 1234567.25]) {
				const text = formatForInput(value, 'rate', lang);
				expect(validateValue('rate', text, lang)).toEqual({ ok: true, value });
			}
			expect(validateValue('yes_no', formatForInput(1, 'yes_no', lang), lang)).toEqual({
				ok: true,
				value: 1
			});
		}
		expect(formatForInput(12.5, 'rate', 'ru')).toBe('12,5');
		expect(formatForInput(null, 'count', 'en')).toBe('');
	});

	it('shows a manat amount in the field as the facts show money: grouped, two decimals', () => {
		const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
		expect(formatForInput(1234.5, 'currency_azn', 'az')).toBe('1.234,50');
		expect(plain(formatForInput(63000, 'currency_azn', 'ru'))).toBe('63 000,00');
		expect(formatForInput(1234.5, 'currency_azn', 'en')).toBe('1,234.50');
		for (const lang of ['az', 'en', 'ru'] as const) {
			for (const value of [0, 7, 250.5, 1234.5, 63000, 1234567.25]) {
				const text = formatForInput(value, 'currency_azn', lang);
				expect(validateValue('currency_azn', text, lang)).toEqual({ ok: true, value });
				expect(formatValue(value, 'currency_azn', lang)).toContain(text);
			}
		}
	});

	it('formats values for reading by unit and language', () => {
		expect(formatValue(1250, 'count', 'en')).toBe('1,250');
		expect(formatValue(null, 'count', 'en')).toBe('—');
		expect(formatValue(45.5, 'percent', 'en')).toBe('45.5%');
	});
});

describe('formula in words', () => {
	const nameOf = (code: string) => ({ E5: 'Completed', E6: 'Enrolled' })[code] ?? code;

	it('names the indicators a formula reads and uses ÷ and ×', () => {
		expect(
			formulaInWords({ numerator: '#{E5}', denominator: '#{E6}', factor: 100 }, nameOf)
		).toEqual({ numerator: 'Completed (E5)', denominator: 'Enrolled (E6)', factor: 100 });
		expect(
			formulaInWords({ numerator: '#{E5} * 2 / #{E6}', denominator: '1', factor: 1 }, nameOf)
		).toEqual({ numerator: 'Completed (E5) × 2 ÷ Enrolled (E6)', denominator: null, factor: null });
	});
});

describe('period and place selection', () => {
	const districts = [{ id: 'dist-a' }, { id: 'dist-b' }];
	const base = {
		location: null,
		period: null,
		districts,
		remembered: null,
		periodicity: 'quarterly' as const,
		today: '2026-11-23'
	};

	it('offers the last twelve periods, newest first, and an older one from a link', () => {
		const options = periodOptions('quarterly', '2026-11-23');
		expect(options).toHaveLength(12);
		expect(options[0]).toBe('2026Q4');
		expect(options[11]).toBe('2024Q1');
		expect(periodOptions('quarterly', '2026-11-23', '2020Q2')).toContain('2020Q2');
		expect(periodOptions('quarterly', '2026-11-23', '2027Q1')).not.toContain('2027Q1');
		expect(periodOptions('quarterly', '2026-11-23', '2026-03')).not.toContain('2026-03');
	});

	it('defaults to the remembered place and the current period, and says the URL must change', () => {
		expect(resolveSelection(base)).toEqual({
			locationId: 'dist-a',
			period: '2026Q4',
			changed: true
		});
		expect(resolveSelection({ ...base, remembered: 'dist-b' }).locationId).toBe('dist-b');
	});

	it('keeps a valid URL as it is and replaces an invalid one', () => {
		expect(resolveSelection({ ...base, location: 'dist-b', period: '2026Q2' })).toEqual({
			locationId: 'dist-b',
			period: '2026Q2',
			changed: false
		});
		expect(resolveSelection({ ...base, location: 'nowhere', period: '2026-05' })).toEqual({
			locationId: 'dist-a',
			period: '2026Q4',
			changed: true
		});
	});
});
