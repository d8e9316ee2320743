import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from './languages';
import { UNIT_MAX } from './units';
import {
	checkValue,
	needsConfirmation,
	parseNumberInput,
	validateValue,
	VALIDATION_ERROR_CODES
} from './validation';
import az from '../../../locales/az/validation.json';
import en from '../../../locales/en/validation.json';
import ru from '../../../locales/ru/validation.json';

describe('reading typed numbers', () => {
	it('accepts a decimal comma or point in every language', () => {
		for (const lang of LANGUAGES) {
			expect(parseNumberInput('12,5', lang), lang).toBe(12.5);
			expect(parseNumberInput('12.5', lang), lang).toBe(12.5);
			expect(parseNumberInput(' 0,75 ', lang), lang).toBe(0.75);
		}
	});

	it('accepts spaces and no-break spaces between thousands', () => {
		expect(parseNumberInput('12 345', 'ru')).toBe(12345);
		expect(parseNumberInput('1\u00a0234\u00a0567,5', 'ru')).toBe(1234567.5);
		expect(parseNumberInput('12\u202f345', 'az')).toBe(12345);
	});

	it('reads grouped thousands the way each language writes them', () => {
		expect(parseNumberInput('1,250', 'en')).toBe(1250);
		expect(parseNumberInput('1,250', 'ru')).toBe(1.25);
		expect(parseNumberInput('1.250', 'az')).toBe(1250);
		expect(parseNumberInput('12.345,5', 'az')).toBe(12345.5);
		expect(parseNumberInput('12,345.5', 'en')).toBe(12345.5);
		expect(parseNumberInput('1.234.567', 'az')).toBe(1234567);
	});

	it('refuses text that is not a number', () => {
		for (const bad of ['abc', '12 5', '1,2,3', '12,5,0', '--3', '1.2.3,4,5', ',', '12a']) {
			expect(parseNumberInput(bad, 'en'), bad).toBeNull();
		}
	});

	it('reads back any number Intl prints in the same language', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: 10_000_000 }),
				fc.integer({ min: 0, max: 99 }),
				fc.constantFrom(...LANGUAGES),
				(whole, cents, lang) => {
					const value = whole + cents / 100;
					const printed = new Intl.NumberFormat(lang, { maximumFractionDigits: 2 }).format(value);
					expect(parseNumberInput(printed, lang)).toBeCloseTo(value, 6);
				}
			)
		);
	});
});

describe('validating a value for its unit', () => {
	it('refuses an empty field as required', () => {
		expect(validateValue('count', '  ', 'en')).toEqual({ ok: false, error: 'required' });
	});

	it('keeps percentages within 0–100', () => {
		expect(validateValue('percent', '101', 'en')).toEqual({
			ok: false,
			error: 'out_of_range',
			params: { min: 0, max: 100 }
		});
		expect(validateValue('percent', '-1', 'en')).toMatchObject({
			ok: false,
			error: 'out_of_range'
		});
		expect(validateValue('percent', '100', 'en')).toEqual({ ok: true, value: 100 });
		expect(validateValue('percent', '12,5', 'az')).toEqual({ ok: true, value: 12.5 });
		expect(validateValue('percent', '12,5', 'ru')).toEqual({ ok: true, value: 12.5 });
	});

	it('wants counts whole and not negative', () => {
		expect(validateValue('count', '2.5', 'en')).toEqual({ ok: false, error: 'not_whole' });
		expect(validateValue('count', '2,5', 'az')).toEqual({ ok: false, error: 'not_whole' });
		expect(validateValue('count', '-3', 'en')).toEqual({ ok: false, error: 'negative' });
		expect(validateValue('count', '1 250', 'ru')).toEqual({ ok: true, value: 1250 });
		expect(validateValue('count', '3,0', 'ru')).toEqual({ ok: true, value: 3 });
	});

	it('allows rates any size above zero', () => {
		expect(validateValue('rate', '1234,567', 'ru')).toEqual({ ok: true, value: 1234.567 });
		expect(validateValue('rate', '-0,1', 'ru')).toEqual({ ok: false, error: 'negative' });
	});

	it('allows manats with at most two decimals', () => {
		expect(validateValue('currency_azn', '150,75', 'az')).toEqual({ ok: true, value: 150.75 });
		expect(validateValue('currency_azn', '150,755', 'az')).toEqual({
			ok: false,
			error: 'too_many_decimals',
			params: { max: 2 }
		});
		expect(validateValue('currency_azn', '-5', 'az')).toEqual({ ok: false, error: 'negative' });
	});

	it('refuses implausible magnitudes for every unit, with the bound to show', () => {
		expect(validateValue('count', '100000000000000000000', 'en')).toEqual({
			ok: false,
			error: 'too_large',
			params: { max: UNIT_MAX.count }
		});
		expect(checkValue('count', UNIT_MAX.count)).toEqual({ ok: true, value: UNIT_MAX.count });
		expect(checkValue('rate', 1e20)).toMatchObject({ error: 'too_large' });
		expect(checkValue('currency_azn', 1e20)).toMatchObject({ error: 'too_large' });
		expect(checkValue('percent', 1e20)).toMatchObject({ error: 'out_of_range' });
	});

	it('takes yes or no as 1 or 0, in words of each language too', () => {
		expect(validateValue('yes_no', '1', 'en')).toEqual({ ok: true, value: 1 });
		expect(validateValue('yes_no', '0', 'en')).toEqual({ ok: true, value: 0 });
		expect(validateValue('yes_no', 'Bəli', 'az')).toEqual({ ok: true, value: 1 });
		expect(validateValue('yes_no', 'Нет', 'ru')).toEqual({ ok: true, value: 0 });
		expect(validateValue('yes_no', '2', 'en')).toEqual({ ok: false, error: 'not_yes_no' });
	});

	it('says "not a number" for text', () => {
		expect(validateValue('rate', 'on iki', 'az')).toEqual({ ok: false, error: 'not_a_number' });
	});
});

describe('asking to confirm big jumps', () => {
	it('asks when a value is ten times larger or smaller than before', () => {
		expect(needsConfirmation(12, 120)).toBe(true);
		expect(needsConfirmation(120, 12)).toBe(true);
		expect(needsConfirmation(12, 119)).toBe(false);
		expect(needsConfirmation(12, 30)).toBe(false);
	});

	it('asks when a value jumps from zero to a large number, or falls to zero', () => {
		expect(needsConfirmation(0, 250)).toBe(true);
		expect(needsConfirmation(250, 0)).toBe(true);
		expect(needsConfirmation(0, 3)).toBe(false);
		expect(needsConfirmation(0, 0)).toBe(false);
	});

	it('does not ask for the first value ever entered', () => {
		expect(needsConfirmation(null, 5000)).toBe(false);
	});
});

describe('messages', () => {
	it('exist for every error code in all three languages, with the same placeholders', () => {
		const files = { az, en, ru } as Record<string, Record<string, string>>;
		for (const code of VALIDATION_ERROR_CODES) {
			const placeholders = (text: string | undefined) =>
				(text ?? '').match(/\{\{\w+\}\}/g)?.sort() ?? [];
			for (const lang of LANGUAGES)
				expect(files[lang]![code]?.trim(), `${lang}.${code}`).toBeTruthy();
			expect(placeholders(files.az![code])).toEqual(placeholders(files.en![code]));
			expect(placeholders(files.ru![code])).toEqual(placeholders(files.en![code]));
		}
	});
});
