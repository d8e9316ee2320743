import type { Language } from './languages';
import { readNumberInput } from './number-input';
import { UNIT_MAX, type Unit } from './units';

export { parseNumberInput, readNumberInput } from './number-input';

/** Each code has a message in locales/{az,en,ru}/validation.json, with the params below. */
export const VALIDATION_ERROR_CODES = [
	'required',
	'not_a_number',
	'not_whole',
	'negative',
	'out_of_range',
	'too_many_decimals',
	'too_large',
	'not_yes_no'
] as const;
export type ValidationErrorCode = (typeof VALIDATION_ERROR_CODES)[number];

export type ValidationResult =
	| { ok: true; value: number }
	| { ok: false; error: ValidationErrorCode; params?: Record<string, number> };

const PERCENT = { min: 0, max: UNIT_MAX.percent };

/** Words people type instead of 1 or 0, in the three languages. */
const YES = new Set(['1', 'yes', 'y', 'bəli', 'hə', 'да']);
const NO = new Set(['0', 'no', 'n', 'xeyr', 'yox', 'нет']);

function fail(error: ValidationErrorCode, params?: Record<string, number>): ValidationResult {
	return params ? { ok: false, error, params } : { ok: false, error };
}

/** Checks one value as typed into a form, in the language the person types in. */
export function validateValue(unit: Unit, raw: string, lang: Language): ValidationResult {
	const text = raw.trim();
	if (text === '') return fail('required');

	if (unit === 'yes_no') {
		const word = text.toLocaleLowerCase(lang);
		if (YES.has(word)) return { ok: true, value: 1 };
		if (NO.has(word)) return { ok: true, value: 0 };
		return fail('not_yes_no');
	}

	const read = readNumberInput(text, lang);
	if (!read) return fail('not_a_number');
	return checkValue(unit, read.value, read.decimals);
}

/** Significant decimals of a stored number (0.1 + 0.2 still counts as one decimal). */
function decimalsOf(value: number): number {
	for (let places = 0; places <= 10; places += 1) {
		const scaled = value * 10 ** places;
		if (Math.abs(scaled - Math.round(scaled)) < 1e-7) return places;
	}
	return 11;
}

/**
 * The unit's rules applied to a number already read: used for typed input above and for values
 * arriving through sync or import, which were never typed on this device.
 */
export function checkValue(
	unit: Unit,
	value: number,
	decimals: number = decimalsOf(value)
): ValidationResult {
	if (!Number.isFinite(value)) return fail('not_a_number');
	// Checked first for the units with only a lower rule, so 1e20 says "too large", not "not whole".
	if (unit !== 'percent' && unit !== 'yes_no' && value > UNIT_MAX[unit]) {
		return fail('too_large', { max: UNIT_MAX[unit] });
	}
	switch (unit) {
		case 'yes_no':
			if (value !== 0 && value !== 1) return fail('not_yes_no');
			break;
		case 'percent':
			if (value < PERCENT.min || value > PERCENT.max) return fail('out_of_range', PERCENT);
			break;
		case 'count':
			if (value < 0) return fail('negative');
			if (decimals > 0) return fail('not_whole');
			break;
		case 'rate':
			if (value < 0) return fail('negative');
			break;
		case 'currency_azn':
			if (value < 0) return fail('negative');
			if (decimals > 2) return fail('too_many_decimals', { max: 2 });
			break;
	}
	return { ok: true, value };
}

/** A change this many times larger or smaller than the last value is asked about. */
export const CONFIRM_JUMP_FACTOR = 10;

/**
 * True when a new value differs from the previous one by a factor of ten or more, either way:
 * the usual sign of a slipped digit or a wrong unit. Values under 1 count as 1, so 0 → 3 passes
 * quietly while 0 → 40 (or 40 → 0) is asked about. The person confirms with a comment; the value
 * is never refused for this.
 */
export function needsConfirmation(previous: number | null | undefined, next: number): boolean {
	if (previous === null || previous === undefined) return false;
	if (!Number.isFinite(previous) || !Number.isFinite(next)) return false;
	const a = Math.max(Math.abs(previous), 1);
	const b = Math.max(Math.abs(next), 1);
	return Math.max(a, b) / Math.min(a, b) >= CONFIRM_JUMP_FACTOR;
}
