import { describe, expect, it } from 'vitest';
import { CSP_DIRECTIVES, FILE_CSP, servedOverHttps } from './security-headers.js';

describe('servedOverHttps', () => {
	const headers = (values: Record<string, string>) => (name: string) => values[name];

	it('believes ORIGIN first, whatever a client sends', () => {
		expect(servedOverHttps({ ORIGIN: 'https://yol.example.org' }, headers({}))).toBe(true);
		const claimed = headers({ 'x-forwarded-proto': 'https' });
		expect(servedOverHttps({ ORIGIN: 'http://10.0.0.5:3000' }, claimed)).toBe(false);
	});

	it('never believes X-Forwarded-Proto unless PROTOCOL_HEADER names it', () => {
		expect(servedOverHttps({}, headers({ 'x-forwarded-proto': 'https' }))).toBe(false);
		const env = { PROTOCOL_HEADER: 'X-Forwarded-Proto' };
		expect(servedOverHttps(env, headers({ 'x-forwarded-proto': 'https' }))).toBe(true);
		expect(servedOverHttps(env, headers({ 'x-forwarded-proto': 'HTTPS, http' }))).toBe(true);
		expect(servedOverHttps(env, headers({ 'x-forwarded-proto': 'http' }))).toBe(false);
		expect(servedOverHttps(env, headers({}))).toBe(false);
	});
});

describe('the files’ Content-Security-Policy', () => {
	it('is the pages’ directives, quoted as a header, with no unsafe-inline', () => {
		expect(FILE_CSP).toContain("default-src 'self'; script-src 'self'; style-src 'self'");
		expect(FILE_CSP).toContain("frame-ancestors 'none'");
		expect(FILE_CSP).toContain("base-uri 'self'");
		expect(FILE_CSP).toContain("object-src 'none'");
		expect(FILE_CSP).toMatch(/style-src-attr 'unsafe-hashes' 'sha256-[A-Za-z0-9+/=]+'/);
		expect(FILE_CSP).not.toContain('unsafe-inline');
		expect(FILE_CSP.split('; ')).toHaveLength(Object.keys(CSP_DIRECTIVES).length);
	});
});
