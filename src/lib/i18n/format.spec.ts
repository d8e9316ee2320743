import { describe, expect, it } from 'vitest';
import {
	formatAmount,
	formatCurrency,
	formatDate,
	formatDateTime,
	formatNumber,
	formatPercent
} from './format';

// Intl puts narrow or normal no-break spaces between groups; compare with plain spaces.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('formatting by language', () => {
	it('writes numbers the way each language does', () => {
		expect(formatNumber(1234.5, 'en')).toBe('1,234.5');
		expect(plain(formatNumber(1234.5, 'ru'))).toBe('1 234,5');
		expect(formatNumber(1234.5, 'az')).toBe('1.234,5');
	});

	it('writes percentages from the 0–100 scale', () => {
		expect(formatPercent(45.5, 'en')).toBe('45.5%');
		expect(plain(formatPercent(45.5, 'ru'))).toBe('45,5 %');
		expect(formatPercent(45.5, 'az')).toBe('45,5%');
	});

	it('writes manat amounts', () => {
		expect(plain(formatCurrency(250, 'az'))).toBe('250,00 ₼');
		expect(plain(formatCurrency(250, 'ru'))).toBe('250,00 AZN');
		expect(plain(formatCurrency(250, 'en'))).toBe('AZN 250.00');
	});

	it('writes dates with month names in each language, without shifting the day', () => {
		expect(formatDate('2026-11-23', 'en', 'long')).toBe('23 November 2026');
		expect(formatDate('2026-11-23', 'ru', 'long')).toBe('23 ноября 2026 г.');
		expect(formatDate('2026-11-23', 'az', 'long')).toMatch(/23 noyabr 2026/);
	});
});

describe('Azerbaijani without the browser locale data', () => {
	it('never falls back to English separators or "M11" months', () => {
		expect(formatNumber(1234567.25, 'az')).toBe('1.234.567,25');
		expect(formatDate('2025-01-01', 'az', 'medium')).toBe('1 yan 2025');
		expect(formatDate('2025-01-01', 'az', 'short')).toBe('1 yan 2025');
	});
});

describe('one date style, day before month, on every screen and in the report', () => {
	it('names the month after the day in every style and language, never "1/1/25"', () => {
		for (const style of ['short', 'medium'] as const) {
			expect(formatDate('2025-01-01', 'en', style)).toBe('1 Jan 2025');
			expect(formatDate('2027-12-31', 'en', style)).toBe('31 Dec 2027');
			expect(formatDate('2025-01-01', 'ru', style)).toBe('1 янв. 2025 г.');
			expect(formatDate('2025-01-01', 'az', style)).toBe('1 yan 2025');
		}
		expect(formatDate('2025-01-01', 'en', 'long')).toBe('1 January 2025');
	});

	it('writes a moment as that date and a 24-hour time', () => {
		const at = new Date(2026, 0, 5, 14, 7);
		expect(formatDateTime(at, 'en')).toBe('5 Jan 2026, 14:07');
		expect(formatDateTime(at, 'az')).toBe('5 yan 2026, 14:07');
		expect(formatDateTime(at, 'ru')).toBe('5 янв. 2026 г., 14:07');
	});
});

describe('money', () => {
	it('groups thousands and keeps both decimals, the same in a field as in the facts', () => {
		expect(formatAmount(1234.5, 'az')).toBe('1.234,50');
		expect(plain(formatAmount(63000, 'ru'))).toBe('63 000,00');
		expect(formatAmount(63000, 'en')).toBe('63,000.00');
		expect(plain(formatCurrency(63000, 'ru'))).toBe('63 000,00 AZN');
		expect(formatCurrency(1234.5, 'az')).toBe('1.234,50 ₼');
	});
});
