/**
 * DHIS2's identifiers (UIDs): 11 characters, letters and digits, the first a letter
 * ("fbfJHSPpUQD"). A mapping holds UIDs copied from a DHIS2 server by hand, so a slip (a space,
 * a missing character, the name pasted instead) is caught here, not by DHIS2's import later.
 */
export const DHIS2_UID_PATTERN = /^[A-Za-z][A-Za-z0-9]{10}$/;

export function isDhis2Uid(value: unknown): value is string {
	return typeof value === 'string' && DHIS2_UID_PATTERN.test(value);
}

/** What is wrong with a would-be UID, for the screen to say in the user's language. */
export type UidProblem =
	| { code: 'empty' }
	| { code: 'spaces' }
	| { code: 'length'; length: number }
	| { code: 'start' }
	| { code: 'chars' };

export function uidProblemOf(value: string): UidProblem | undefined {
	if (DHIS2_UID_PATTERN.test(value)) return undefined;
	if (value.trim() === '') return { code: 'empty' };
	if (value !== value.trim()) return { code: 'spaces' };
	if (value.length !== 11) return { code: 'length', length: value.length };
	if (!/^[A-Za-z]/.test(value)) return { code: 'start' };
	return { code: 'chars' };
}

/** The same in English, naming the field, for the API's 400 answers. */
export function uidProblem(field: string, value: string): string | undefined {
	const problem = uidProblemOf(value);
	if (!problem) return undefined;
	switch (problem.code) {
		case 'empty':
			return `${field} is empty: copy the UID from DHIS2`;
		case 'spaces':
			return `${field} has spaces around it`;
		case 'length':
			return `${field} must be 11 characters long, not ${problem.length}`;
		case 'start':
			return `${field} must start with a letter`;
		case 'chars':
			return `${field} may hold only the letters A–Z, a–z and the digits 0–9`;
	}
}
