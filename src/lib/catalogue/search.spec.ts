import { describe, expect, it } from 'vitest';
import { matchesSearch } from './search';

const item = (az: string, en = '', ru = '') => ({ code: 'E1', name: { az, en, ru } });

describe('searching the catalogue', () => {
	it('matches dotted İ and i in Azerbaijani, but not the dotless ı', () => {
		expect(matchesSearch(item('İbtidai təhsil'), 'ibtidai')).toBe(true);
		expect(matchesSearch(item('ibtidai təhsil'), 'İbt')).toBe(true);
		expect(matchesSearch(item('İbtidai təhsil'), 'Ibtidai')).toBe(false);
		expect(matchesSearch(item('Işıq'), 'ışıq')).toBe(true);
		expect(matchesSearch(item('ışıq'), 'IŞIQ')).toBe(true);
	});

	it('finds English and Russian names and the code, ignoring case', () => {
		expect(matchesSearch(item('', 'IDP households'), 'idp')).toBe(true);
		expect(matchesSearch(item('', '', 'Доля беженцев'), 'ДОЛЯ')).toBe(true);
		expect(matchesSearch(item('x'), 'e1')).toBe(true);
		expect(matchesSearch(item('x'), 'nothing')).toBe(false);
	});

	it('shows everything for an empty query', () => {
		expect(matchesSearch(item('x'), '  ')).toBe(true);
	});
});
