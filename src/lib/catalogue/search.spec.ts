import { describe, expect, it } from 'vitest';
import { matchesSearch } from './search';

const item = (az: string, en = '', ru = '') => ({ code: 'E1', name: { az, en, ru } });

describe('searching the catalogue', () => {
	it('matches dotted İ and i in Azerbaijani, and a plain i finds both i and ı', () => {
		expect(matchesSearch(item('İbtidai təhsil'), 'ibtidai')).toBe(true);
		expect(matchesSearch(item('ibtidai təhsil'), 'İbt')).toBe(true);
		// Typed on an English keyboard: no dotless ı there, so "I" must still find the name.
		expect(matchesSearch(item('İbtidai təhsil'), 'Ibtidai')).toBe(true);
		expect(matchesSearch(item('İsmayıllı'), 'ismayilli')).toBe(true);
		expect(matchesSearch(item('Işıq'), 'ışıq')).toBe(true);
		expect(matchesSearch(item('ışıq'), 'IŞIQ')).toBe(true);
	});

	it('finds English and Russian names and the code, ignoring case', () => {
		expect(matchesSearch(item('', 'IDP households'), 'idp')).toBe(true);
		expect(matchesSearch(item('', '', 'Доля беженцев'), 'ДОЛЯ')).toBe(true);
		expect(matchesSearch(item('x'), 'e1')).toBe(true);
		expect(matchesSearch(item('x'), 'nothing')).toBe(false);
	});

	it('finds names without their diacritics', () => {
		expect(matchesSearch(item('Şəki'), 'seki')).toBe(true);
		expect(matchesSearch(item('Gəncə'), 'gence')).toBe(true);
		expect(matchesSearch(item('Göygöl'), 'goygol')).toBe(true);
		expect(matchesSearch(item('', '', 'Объём жилья'), 'объем')).toBe(true);
		expect(matchesSearch(item('Şəki'), 'saki')).toBe(false);
	});

	it('shows everything for an empty query', () => {
		expect(matchesSearch(item('x'), '  ')).toBe(true);
	});
});
