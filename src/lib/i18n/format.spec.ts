import { describe, expect, it } from 'vitest';
import { formatCurrency, formatDate, formatNumber, formatPercent } from './format';

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
		expect(formatDate('2026-11-23', 'en', 'long')).toBe('November 23, 2026');
		expect(formatDate('2026-11-23', 'ru', 'long')).toBe('23 ноября 2026 г.');
		expect(formatDate('2026-11-23', 'az', 'long')).toMatch(/23 noyabr 2026/);
	});
});

describe('Azerbaijani without the browser locale data', () => {
	it('never falls back to English separators or "M11" months', () => {
		expect(formatNumber(1234567.25, 'az')).toBe('1.234.567,25');
		expect(formatDate('2025-01-01', 'az', 'medium')).toBe('1 yan 2025');
		expect(formatDate('2025-01-01', 'az', 'short')).toBe('01.01.2025');
	});
});
