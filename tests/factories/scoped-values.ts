import type { IndicatorValue } from '../../src/lib/domain/indicators';
import { generateDemoValues } from '../../src/lib/domain/seed/demo-values';
import { SEED_LOCATIONS } from '../../src/lib/domain/seed/locations';

/**
 * Values in Ganja (inside the demo caseworker's region) and in Yasamal, Baku (outside it): what
 * scope tests push and pull.
 */
const VALUES = generateDemoValues({
	locations: SEED_LOCATIONS.filter((l) => l.id === 'dist-ganja' || l.id === 'dist-yasamal'),
	from: '2026-01-01',
	to: '2026-01-31'
}).filter((v) => v.cell === 'total' && v.value !== null);

/** The i-th sample value of a place, as a new record with a comment. */
export function valueAt(locationId: string, i = 0): IndicatorValue {
	const value = VALUES.filter((v) => v.locationId === locationId)[i];
	if (!value) throw new Error(`no sample value at ${locationId}`);
	return { ...value, comment: 'Ailə ilə görüşüldü', rev: 0 };
}

export const GANJA = valueAt('dist-ganja');
export const GANJA_NEW = valueAt('dist-ganja', 1);
export const YASAMAL = valueAt('dist-yasamal');
export const YASAMAL_NEW = valueAt('dist-yasamal', 1);
