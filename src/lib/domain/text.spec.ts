import { describe, expect, it } from 'vitest';
import { areaOfCode, AREAS, isAreaId } from './areas';
import { isFullyTranslated, pickText } from './text';

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
