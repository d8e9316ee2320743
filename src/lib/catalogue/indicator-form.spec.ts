import { describe, expect, it } from 'vitest';
import { SEED_INDICATORS } from '$lib/domain/seed/catalogue';
import {
	emptyIndicatorForm,
	fieldId,
	indicatorForm,
	mergeProblems,
	readIndicatorForm
} from './indicator-form';

describe('the indicator form', () => {
	it('reads back the indicator it was filled from', () => {
		for (const indicator of SEED_INDICATORS) {
			const { input, problems } = readIndicatorForm(indicatorForm(indicator), 'en');
			expect(problems).toEqual([]);
			expect(input).toEqual(indicator);
		}
	});

	it('reads numbers the way the language writes them and upper-cases the code', () => {
		const form = { ...emptyIndicatorForm(), code: ' h12 ', area: 'housing' as const };
		const filled = {
			...form,
			unit: 'rate' as const,
			baselineValue: '12,5',
			baselineDate: '2025-01-01'
		};
		const { input, problems } = readIndicatorForm(filled, 'az');
		expect(problems).toEqual([]);
		expect(input.code).toBe('H12');
		expect(input.baseline).toEqual({ value: 12.5, date: '2025-01-01' });
		expect(input.target).toBeNull();
	});

	it('reports what only the form can see, on the right fields', () => {
		const form = {
			...emptyIndicatorForm(),
			targetValue: 'lots',
			computed: true,
			factor: 'x'
		};
		const { problems } = readIndicatorForm(form, 'en');
		expect(problems.map((p) => [p.field, p.key])).toEqual([
			['area', 'choose'],
			['unit', 'choose'],
			['target.date', 'date_required'],
			['target.value', 'not_a_number'],
			['formula.factor', 'not_a_number']
		]);
	});

	it('lets form problems stand in for schema problems on the same field', () => {
		const merged = mergeProblems(
			[{ field: 'area', message: 'choose the area' }],
			[
				{ field: 'area', message: 'area must be one of …' },
				{ field: 'code', message: 'bad code' }
			]
		);
		expect(merged.map((p) => p.message)).toEqual(['choose the area', 'bad code']);
	});

	it('maps schema paths to input ids', () => {
		expect(fieldId('code')).toBe('f-code');
		expect(fieldId('name')).toBe('f-name-az');
		expect(fieldId('target')).toBe('f-target-date');
		expect(fieldId('formula.numerator')).toBe('f-formula-numerator');
		expect(fieldId('')).toBeNull();
	});
});
