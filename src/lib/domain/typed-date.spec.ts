import { describe, expect, it } from 'vitest';
import { parseTypedDate, typedDate } from './typed-date';

describe('dates as typed in a date field', () => {
	it('reads day first, with the separators people use', () => {
		expect(parseTypedDate('31.12.2026')).toBe('2026-12-31');
		expect(parseTypedDate(' 1/2/2026 ')).toBe('2026-02-01');
		expect(parseTypedDate('01-02-2026')).toBe('2026-02-01');
		expect(parseTypedDate('2026-12-31')).toBe('2026-12-31');
	});

	it('refuses days that do not exist and text that is not a date', () => {
		expect(parseTypedDate('31.02.2026')).toBeNull();
		expect(parseTypedDate('29.02.2025')).toBeNull();
		expect(parseTypedDate('29.02.2024')).toBe('2024-02-29');
		expect(parseTypedDate('12.31.2026')).toBeNull();
		expect(parseTypedDate('tomorrow')).toBeNull();
		expect(parseTypedDate('')).toBeNull();
	});

	it('shows a stored date day first, and the round trip keeps it', () => {
		expect(typedDate('2026-12-31')).toBe('31.12.2026');
		expect(parseTypedDate(typedDate('2024-02-29'))).toBe('2024-02-29');
		expect(typedDate('')).toBe('');
	});
});
