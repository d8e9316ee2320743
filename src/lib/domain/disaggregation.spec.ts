import { describe, expect, it } from 'vitest';
import { cellKey, gridCellKeys, gridTotals, isCellOfGrid, parseCellKey } from './disaggregation';

describe('grid cells', () => {
	it('is a single total cell when the indicator is not split', () => {
		expect(gridCellKeys([])).toEqual(['total']);
	});

	it('crosses sex and age into eight cells with stable keys, whatever order is given', () => {
		const keys = gridCellKeys(['age', 'sex']);
		expect(keys).toHaveLength(8);
		expect(keys[0]).toBe('sex=female;age=0-17');
		expect(keys).toContain('sex=male;age=60+');
		expect(gridCellKeys(['sex'])).toEqual(['sex=female', 'sex=male']);
	});

	it('reads keys back and refuses keys no grid has', () => {
		expect(parseCellKey('sex=female;age=18-34')).toEqual({ sex: 'female', age: '18-34' });
		expect(cellKey({ age: '18-34', sex: 'female' })).toBe('sex=female;age=18-34');
		expect(parseCellKey('age=18-34;sex=female')).toBeNull();
		expect(parseCellKey('sex=other')).toBeNull();
		expect(parseCellKey('sex=female;sex=male')).toBeNull();
		expect(isCellOfGrid('sex=female', ['sex', 'age'])).toBe(false);
		expect(isCellOfGrid('total', [])).toBe(true);
	});
});

describe('totals', () => {
	it('sums rows, columns and the whole grid', () => {
		const values = Object.fromEntries(gridCellKeys(['sex', 'age']).map((key, i) => [key, i + 1]));
		const totals = gridTotals(['sex', 'age'], values);
		expect(totals.rows.female).toEqual({ value: 1 + 2 + 3 + 4, filled: 4, missing: false });
		expect(totals.rows.male?.value).toBe(5 + 6 + 7 + 8);
		expect(totals.columns['0-17']?.value).toBe(1 + 5);
		expect(totals.grand).toEqual({ value: 36, filled: 8, missing: false });
	});

	it('leaves empty cells out and says the total is incomplete', () => {
		const totals = gridTotals(
			['sex', 'age'],
			new Map<string, number | null>([
				['sex=female;age=18-34', 10],
				['sex=male;age=18-34', null],
				['sex=male;age=35-59', 4]
			])
		);
		expect(totals.grand).toEqual({ value: 14, filled: 2, missing: true });
		expect(totals.columns['18-34']).toEqual({ value: 10, filled: 1, missing: true });
		expect(totals.columns['60+']).toEqual({ value: null, filled: 0, missing: true });
	});

	it('counts a zero as filled', () => {
		const totals = gridTotals(['sex'], { 'sex=female': 0, 'sex=male': 0 });
		expect(totals.grand).toEqual({ value: 0, filled: 2, missing: false });
		expect(totals.columns).toEqual({});
	});

	it('has one total for an indicator that is not split', () => {
		expect(gridTotals([], { total: 7 }).grand).toEqual({ value: 7, filled: 1, missing: false });
	});
});
