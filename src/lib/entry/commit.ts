import type { Language } from '$lib/domain/languages';
import type { Unit } from '$lib/domain/units';
import { needsConfirmation, validateValue, type ValidationErrorCode } from '$lib/domain/validation';

/** What to do with the text of a cell when the caseworker leaves it or presses Enter. */
export type CommitDecision =
	| { kind: 'unchanged' }
	| { kind: 'invalid'; error: ValidationErrorCode; params?: Record<string, number> }
	| { kind: 'save'; value: number | null }
	| { kind: 'confirm'; value: number; previous: number };

export interface CommitInput {
	unit: Unit;
	raw: string;
	lang: Language;
	/** The value stored for this cell now (undefined: no record). */
	stored: number | null | undefined;
	/** The same cell's value in the previous period, for the ten-times check. */
	previous: number | null | undefined;
}

export function decideCommit(input: CommitInput): CommitDecision {
	const stored = input.stored ?? null;
	if (input.raw.trim() === '') {
		// Emptying a filled cell is a deliberate clearing, saved (and kept in history) as "no
		// value"; leaving an empty cell empty is not an error, or Tab through a grid would shout.
		return stored === null ? { kind: 'unchanged' } : { kind: 'save', value: null };
	}
	const result = validateValue(input.unit, input.raw, input.lang);
	if (!result.ok) {
		return result.params
			? { kind: 'invalid', error: result.error, params: result.params }
			: { kind: 'invalid', error: result.error };
	}
	if (result.value === stored) return { kind: 'unchanged' };
	const previous = input.previous ?? null;
	if (previous !== null && needsConfirmation(previous, result.value)) {
		return { kind: 'confirm', value: result.value, previous };
	}
	return { kind: 'save', value: result.value };
}
