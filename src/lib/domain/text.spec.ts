import { describe, expect, it } from 'vitest';
import { areaOfCode, AREAS, isAreaId } from './areas';
import {
	compareAz,
	foldForSearch,
	isFullyTranslated,
	nameCollator,
	pickText,
	searchMatches,
	sortByName
} from './text';

describe('pickText', () => {
	const full = { az: 'Göstərici', en: 'Indicator', ru: 'Показатель' };

	it('gives the wanted language when it has text', () => {
		expect(pickText(full, 'ru')).toEqual({ text: 'Показатель', lang: 'ru', fallback: false });
	});

	it('falls back to Azerbaijani, then English, then Russian, and says so', () => {
		expect(pickText({ ...full, ru: '' }, 'ru')).toEqual({
			text: 'Göstərici',
			lang: 'az',
			fallback: true
		});
		expect(pickText({ ...full, az: ' ' }, 'az')).toEqual({
			text: 'Indicator',
			lang: 'en',
			fallback: true
		});
		expect(pickText({ az: '', en: '', ru: 'Показатель' }, 'en')).toMatchObject({
			lang: 'ru',
			fallback: true
		});
	});

	it('gives empty text, not a fallback, when nothing is written', () => {
		expect(pickText({ az: '', en: '', ru: '' }, 'en')).toEqual({
			text: '',
			lang: 'en',
			fallback: false
		});
		expect(isFullyTranslated({ ...full, en: '' })).toBe(false);
		expect(isFullyTranslated(full)).toBe(true);
	});
});

describe('areas', () => {
	it('lists the four Roadmap areas in order and maps codes to them', () => {
		expect(AREAS).toEqual(['housing', 'education', 'labour', 'dialogue']);
		expect(areaOfCode('L3')).toBe('labour');
		expect(areaOfCode('d1')).toBe('dialogue');
		expect(areaOfCode('X1')).toBeNull();
		expect(isAreaId('housing')).toBe(true);
		expect(isAreaId('health')).toBe(false);
	});
});

describe('Azerbaijani alphabetical order', () => {
	const places = ['Zaqatala', 'Xətai', 'Şəki', 'Sabunçu', 'Qax', 'Ömər', 'İsmayıllı', 'Ağdam'];
	const places2 = ['Ucar', 'Ələt', 'Ehtiyat', 'Çuxur', 'Cəlilabad', 'Ğ', 'Gəncə', 'Hacıqabul'];

	it('follows A B C Ç D E Ə F G Ğ H X I İ J K Q L M N O Ö P R S Ş T U Ü V Y Z', () => {
		expect([...places].sort(compareAz)).toEqual([
			'Ağdam',
			'Xətai',
			'İsmayıllı',
			'Qax',
			'Ömər',
			'Sabunçu',
			'Şəki',
			'Zaqatala'
		]);
		expect([...places2].sort(compareAz)).toEqual([
			'Cəlilabad',
			'Çuxur',
			'Ehtiyat',
			'Ələt',
			'Gəncə',
			'Ğ',
			'Hacıqabul',
			'Ucar'
		]);
		expect(['İmişli', 'Ismayil', 'İ', 'I'].sort(compareAz)).toEqual([
			'I',
			'Ismayil',
			'İ',
			'İmişli'
		]);
		expect(['Kürdəmir', 'Kəlbəcər', 'Quba', 'Kür'].sort(compareAz)).toEqual([
			'Kəlbəcər',
			'Kür',
			'Kürdəmir',
			'Quba'
		]);
	});

	it('puts a shorter name before a longer one that starts with it, whatever the case', () => {
		expect(compareAz('Şəki', 'şəkili')).toBeLessThan(0);
		expect(compareAz('şəki', 'Şəki')).not.toBe(0);
		expect(compareAz('Şəki', 'Şəki')).toBe(0);
	});

	it('is used for Azerbaijani when the platform has no Azerbaijani collation', () => {
		const supported = Intl.Collator.supportedLocalesOf;
		Intl.Collator.supportedLocalesOf = (() => []) as typeof supported;
		try {
			// A fresh module state is not needed: the check happens on the first call per language.
			const sorted = sortByName(places, (p) => p, 'az');
			expect(sorted.indexOf('Xətai')).toBeLessThan(sorted.indexOf('Qax'));
			expect(sorted.indexOf('Qax')).toBeLessThan(sorted.indexOf('Ömər'));
			expect(sorted.indexOf('Sabunçu')).toBeLessThan(sorted.indexOf('Şəki'));
		} finally {
			Intl.Collator.supportedLocalesOf = supported;
		}
		expect(nameCollator('az')('Xətai', 'Qax')).toBeLessThan(0);
	});

	it('sorts Russian and English names by the platform collator, numbers as numbers', () => {
		expect(sortByName(['Юг', 'Ёж', 'Жук', 'Арал'], (p) => p, 'ru')).toEqual([
			'Арал',
			'Ёж',
			'Жук',
			'Юг'
		]);
		expect(sortByName(['Item 10', 'item 9', 'Apple'], (p) => p, 'en')).toEqual([
			'Apple',
			'item 9',
			'Item 10'
		]);
	});
});

describe('search without diacritics', () => {
	it('finds Azerbaijani names typed on a plain keyboard', () => {
		expect(searchMatches('Şəki', 'seki', 'az')).toBe(true);
		expect(searchMatches('Gəncə-Daşkəsən', 'gence', 'az')).toBe(true);
		expect(searchMatches('İsmayıllı', 'ISMAYILLI', 'az')).toBe(true);
		expect(searchMatches('Ağdam', 'agd', 'az')).toBe(true);
		expect(searchMatches('Çuxur', 'cux', 'az')).toBe(true);
		expect(searchMatches('Şəki', 'şəki', 'az')).toBe(true);
		expect(searchMatches('Şəki', 'qax', 'az')).toBe(false);
	});

	it('matches ё as е and й as и in Russian, and everything on an empty query', () => {
		expect(searchMatches('Объём', 'объем', 'ru')).toBe(true);
		expect(searchMatches('Район', 'раион', 'ru')).toBe(true);
		expect(searchMatches('anything', '  ')).toBe(true);
		expect(foldForSearch('ŞƏKİ', 'az')).toBe('seki');
	});
});
