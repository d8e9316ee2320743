/**
 * DHIS2's identifiers (UIDs): 11 characters, letters and digits, the first a letter
 * ("fbfJHSPpUQD"). A mapping holds UIDs copied from a DHIS2 server by hand, so a slip (a space,
 * a missing character, the name pasted instead) is caught here, not by DHIS2's import later.
 */
export const DHIS2_UID_PATTERN = /^[A-Za-z][A-Za-z0-9]{10}$/;

export function isDhis2Uid(value: unknown): value is string {
	return typeof value === 'string' && DHIS2_UID_PATTERN.test(value);
}

/** Why `value` is not a UID, in words a coordinator can act on; undefined when it is one. */
export function uidProblem(field: string, value: string): string | undefined {
	if (DHIS2_UID_PATTERN.test(value)) return undefined;
	if (value.trim() === '') return `${field} is empty: copy the UID from DHIS2`;
	if (value !== value.trim()) return `${field} has spaces around it`;
	if (value.length !== 11) {
		return `${field} must be 11 characters long, not ${value.length}`;
	}
	if (!/^[A-Za-z]/.test(value)) return `${field} must start with a letter`;
	return `${field} may hold only the letters A–Z, a–z and the digits 0–9`;
}
