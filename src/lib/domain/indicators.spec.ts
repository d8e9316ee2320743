import { describe, expect, it } from 'vitest';
import {
	parseIndicator,
	parseIndicatorValue,
	valueProblemsFor,
	type Indicator,
	type IndicatorValue
} from './indicators';
import { SEED_INDICATORS } from './seed/catalogue';

const base = SEED_INDICATORS.find((i) => i.code === 'L1')!;
const record: IndicatorValue = {
	id: '0b7c4a1e-2f3d-4c5b-8a9e-1d2c3b4a5f6e',
	indicatorId: base.id,
	locationId: 'dist-yevlakh',
	period: '2026-09',
	cell: 'sex=female;age=18-34',
	value: 12,
	comment: '',
	updatedAt: '2026-10-02T08:15:00.000Z',
	updatedBy: 'user-7',
	rev: 0,
	deleted: false
};

const fieldsOf = (input: unknown) => {
	const parsed = parseIndicator(input);
	return parsed.ok ? [] : parsed.problems.map((p) => p.field);
};

describe('indicator schema', () => {
	it('accepts a well-formed indicator', () => {
		expect(parseIndicator(base).ok).toBe(true);
	});

	it('names the field that is wrong', () => {
		expect(fieldsOf({ ...base, code: 'X1' })).toContain('code');
		expect(fieldsOf({ ...base, code: 'H1' })).toEqual(['code']); // H is housing, not labour
		expect(fieldsOf({ ...base, unit: 'people' })).toEqual(['unit']);
		expect(fieldsOf({ ...base, disaggregations: ['sex', 'sex'] })).toEqual(['disaggregations']);
		expect(fieldsOf({ ...base, target: { value: 1, date: '2024-12-31' } })).toEqual(['target']);
		expect(fieldsOf({ ...base, baseline: { value: 1, date: '31.12.2024' } })).toEqual([
			'baseline.date'
		]);
		expect(fieldsOf({ ...base, name: { az: '', en: ' ', ru: '' } })).toEqual(['name']);
	});

	it('checks a computed indicator formula, pointing at the error', () => {
		const computed: Indicator = {
			...base,
			code: 'L3',
			disaggregations: [],
			formula: { numerator: '#{L2} *', denominator: '#{L1}', factor: 100 }
		};
		const parsed = parseIndicator(computed);
		expect(parsed.ok).toBe(false);
		if (!parsed.ok) {
			expect(parsed.problems).toEqual([
				{ field: 'formula.numerator', message: expect.stringContaining('position 8') }
			]);
		}
		expect(
			fieldsOf({ ...computed, formula: { ...computed.formula!, numerator: '#{L2}', factor: 0 } })
		).toEqual(['formula.factor']);
	});
});

describe('value record schema', () => {
	it('accepts a well-formed record', () => {
		expect(parseIndicatorValue(record)).toEqual({ ok: true, value: record });
		expect(parseIndicatorValue({ ...record, value: null }).ok).toBe(true);
	});

	it('names each bad field', () => {
		const parsed = parseIndicatorValue({
			...record,
			period: '2026-9',
			cell: 'sex=unknown',
			updatedAt: 'yesterday',
			rev: -1,
			value: Number.NaN
		});
		expect(parsed.ok ? [] : parsed.problems.map((p) => p.field).sort()).toEqual([
			'cell',
			'period',
			'rev',
			'updatedAt',
			'value'
		]);
	});

	it('checks a record against its indicator: periodicity, grid and unit', () => {
		expect(valueProblemsFor(record, base)).toEqual([]);
		const wrong = { ...record, period: '2026Q3', cell: 'total', value: 2.5 };
		expect(valueProblemsFor(wrong, base).map((p) => p.field)).toEqual(['period', 'cell', 'value']);
	});
});

describe('responsible body and data source in three languages', () => {
	it('reads an old single English string as English, so other languages show the fallback', async () => {
		const v = await import('valibot');
		const { IndicatorSchema } = await import('./indicators');
		const { SEED_INDICATORS } = await import('./seed/catalogue');
		const { pickText } = await import('./text');
		const seeded = SEED_INDICATORS[0]!;
		const old = {
			...seeded,
			responsibleBody: 'State Migration Service',
			dataSource: 'SMS records'
		};
		const parsed = v.parse(IndicatorSchema, old);
		expect(parsed.responsibleBody).toEqual({ az: '', en: 'State Migration Service', ru: '' });
		expect(pickText(parsed.dataSource, 'az')).toEqual({
			text: 'SMS records',
			lang: 'en',
			fallback: true
		});
		// The seed is translated: an Azerbaijani reader sees Azerbaijani.
		expect(pickText(v.parse(IndicatorSchema, seeded).responsibleBody, 'az').fallback).toBe(false);
		expect(v.safeParse(IndicatorSchema, { ...seeded, dataSource: 5 }).success).toBe(false);
	});
});
