import { describe, expect, it } from 'vitest';
import { BOM, buildCsv, csvField } from './csv';
import { isSuppressed, suppressed } from './suppression';

describe('CSV', () => {
	it('starts with a byte order mark and ends records with CRLF', () => {
		const csv = buildCsv(['Kod', 'Dəyər'], [['H1', 12.5]]);
		expect(csv.startsWith(BOM)).toBe(true);
		expect(csv.slice(1)).toBe('Kod,Dəyər\r\nH1,12.5\r\n');
	});

	it('quotes fields with commas, quotes and line breaks (RFC 4180)', () => {
		expect(csvField('a,b')).toBe('"a,b"');
		expect(csvField('say "hi"')).toBe('"say ""hi"""');
		expect(csvField('two\nlines')).toBe('"two\nlines"');
		expect(csvField('plain')).toBe('plain');
		expect(csvField(null)).toBe('');
	});

	it('writes numbers with a dot and no grouping or exponent', () => {
		expect(csvField(1234.5)).toBe('1234.5');
		expect(csvField(1e21)).toBe('1000000000000000000000');
		expect(csvField(Number.NaN)).toBe('');
	});

	it('carries suppressed counts as "<5"', () => {
		const row = [suppressed('count', 3, 5), suppressed('count', 0, 5), suppressed('percent', 3, 5)];
		expect(buildCsv(['a', 'b', 'c'], [row]).split('\r\n')[1]).toBe('<5,0,3');
	});
});

describe('small-count suppression', () => {
	it('hides counts from 1 to below the threshold, never zero, percentages or money', () => {
		expect(isSuppressed('count', 4, 5)).toBe(true);
		expect(isSuppressed('count', 5, 5)).toBe(false);
		expect(isSuppressed('count', 0, 5)).toBe(false);
		expect(isSuppressed('count', null, 5)).toBe(false);
		expect(isSuppressed('percent', 2, 5)).toBe(false);
		expect(isSuppressed('currency_azn', 2, 5)).toBe(false);
		expect(suppressed('count', 9, 10)).toBe('<10');
	});
});
