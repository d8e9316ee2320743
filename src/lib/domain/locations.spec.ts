import { describe, expect, it } from 'vitest';
import { LANGUAGES } from './languages';
import { ancestors, children, descendants, leaves, pathLabel, type Location } from './locations';
import { SEED_LOCATIONS } from './seed/locations';

describe('seed locations', () => {
	it('form one tree under Azerbaijan, with unique ids and names in all languages', () => {
		const ids = SEED_LOCATIONS.map((l) => l.id);
		expect(new Set(ids).size).toBe(ids.length);
		expect(SEED_LOCATIONS.filter((l) => l.parentId === null).map((l) => l.id)).toEqual(['az']);
		for (const l of SEED_LOCATIONS) {
			if (l.parentId) expect(ids, l.id).toContain(l.parentId);
			for (const lang of LANGUAGES) expect(l.name[lang].trim(), `${l.id} ${lang}`).not.toBe('');
			const parent = SEED_LOCATIONS.find((p) => p.id === l.parentId);
			if (l.level === 'region') expect(parent?.level).toBe('country');
			if (l.level === 'district') expect(parent?.level).toBe('region');
		}
	});

	it('put every region to use', () => {
		for (const region of SEED_LOCATIONS.filter((l) => l.level === 'region')) {
			expect(children(SEED_LOCATIONS, region.id).length, region.id).toBeGreaterThan(0);
		}
	});
});

describe('hierarchy helpers', () => {
	it('finds what lies below and above a place', () => {
		expect(children(SEED_LOCATIONS, 'reg-central-aran').map((l) => l.id)).toEqual([
			'dist-yevlakh',
			'dist-mingachevir'
		]);
		expect(descendants(SEED_LOCATIONS, 'reg-baku').map((l) => l.id)).toContain('dist-yasamal');
		expect(descendants(SEED_LOCATIONS, 'az')).toHaveLength(SEED_LOCATIONS.length - 1);
		expect(ancestors(SEED_LOCATIONS, 'dist-yevlakh').map((l) => l.id)).toEqual([
			'az',
			'reg-central-aran'
		]);
		expect(leaves(SEED_LOCATIONS, 'reg-absheron-khizi').map((l) => l.id)).toEqual([
			'dist-sumgayit',
			'dist-absheron'
		]);
	});

	it('labels a path in each language', () => {
		expect(pathLabel(SEED_LOCATIONS, 'dist-yevlakh', 'en')).toBe(
			'Azerbaijan › Central Aran economic region › Yevlakh'
		);
		expect(pathLabel(SEED_LOCATIONS, 'dist-yevlakh', 'az')).toBe(
			'Azərbaycan › Mərkəzi Aran iqtisadi rayonu › Yevlax'
		);
		expect(pathLabel(SEED_LOCATIONS, 'dist-yevlakh', 'ru')).toBe(
			'Азербайджан › Центрально-Аранский экономический район › Евлах'
		);
	});

	it('survives a parent loop arriving through sync', () => {
		const loop: Location[] = [
			{ id: 'a', parentId: 'b', level: 'region', name: { az: 'A', en: 'A', ru: 'A' } },
			{ id: 'b', parentId: 'a', level: 'region', name: { az: 'B', en: 'B', ru: 'B' } }
		];
		expect(ancestors(loop, 'a').map((l) => l.id)).toEqual(['a', 'b']);
		expect(descendants(loop, 'a').map((l) => l.id)).toEqual(['b']);
	});
});
