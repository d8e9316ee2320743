import { describe, expect, it } from 'vitest';
import { pickLanguage } from './languages';

describe('pickLanguage', () => {
	it('prefers the saved choice', () => {
		expect(pickLanguage('ru', ['en-GB'])).toBe('ru');
	});
	it('else takes the first browser language Yol speaks, ignoring the region', () => {
		expect(pickLanguage(null, ['fr-FR', 'ru-RU', 'en'])).toBe('ru');
		expect(pickLanguage(undefined, ['EN-us'])).toBe('en');
	});
	it('ignores a saved value that is not a language and falls back to Azerbaijani', () => {
		expect(pickLanguage('de', ['fr', 'tr'])).toBe('az');
		expect(pickLanguage(null, [])).toBe('az');
	});
});
