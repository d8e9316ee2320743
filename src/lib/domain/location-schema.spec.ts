import { describe, expect, it } from 'vitest';
import { parseLocation } from './location-schema';

const district = {
	id: 'dist-yevlakh',
	parentId: 'reg-central-aran',
	level: 'district',
	name: { az: 'Yevlax', en: 'Yevlakh', ru: 'Евлах' }
};

describe('the location schema', () => {
	it('accepts a district under a region, and a country with no parent', () => {
		expect(parseLocation(district).ok).toBe(true);
		const country = { ...district, id: 'az', parentId: null, level: 'country' };
		expect(parseLocation(country).ok).toBe(true);
	});

	it('accepts a name in one language only', () => {
		expect(parseLocation({ ...district, name: { az: 'Yevlax', en: '', ru: '' } }).ok).toBe(true);
	});

	it('names the field of each problem', () => {
		const result = parseLocation({
			...district,
			id: '',
			level: 'village',
			name: { az: ' ', en: '', ru: '' }
		});
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.problems.map((p) => p.field).sort()).toEqual(['id', 'level', 'name']);
	});

	it('requires a parent below the country and refuses one for the country', () => {
		const orphan = parseLocation({ ...district, parentId: null });
		expect(orphan).toEqual({
			ok: false,
			problems: [{ field: 'parentId', message: 'parent is required' }]
		});
		const country = parseLocation({ ...district, level: 'country' });
		expect(country).toEqual({
			ok: false,
			problems: [{ field: 'parentId', message: 'a country has no parent' }]
		});
	});
});
