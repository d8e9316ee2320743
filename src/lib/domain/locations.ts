import type { Language } from './languages';
import { pickText, type Translated } from './text';

export const LOCATION_LEVELS = ['country', 'region', 'district'] as const;
export type LocationLevel = (typeof LOCATION_LEVELS)[number];

export interface Location {
	id: string;
	parentId: string | null;
	level: LocationLevel;
	name: Translated;
}

export function children(locations: readonly Location[], id: string): Location[] {
	return locations.filter((l) => l.parentId === id);
}

/** Every place below this one, nearest first: what a region's figures are summed from. */
export function descendants(locations: readonly Location[], id: string): Location[] {
	const result: Location[] = [];
	let frontier = [id];
	while (frontier.length) {
		const next = locations.filter((l) => l.parentId !== null && frontier.includes(l.parentId));
		// Guards against a parent loop arriving through sync: each place is taken once.
		const fresh = next.filter((l) => !result.includes(l) && l.id !== id);
		result.push(...fresh);
		frontier = fresh.map((l) => l.id);
	}
	return result;
}

/** The places above this one, from the country down to its parent. */
export function ancestors(locations: readonly Location[], id: string): Location[] {
	const byId = new Map(locations.map((l) => [l.id, l]));
	const chain: Location[] = [];
	let parentId = byId.get(id)?.parentId ?? null;
	while (parentId !== null) {
		const parent = byId.get(parentId);
		if (!parent || chain.includes(parent)) break;
		chain.unshift(parent);
		parentId = parent.parentId;
	}
	return chain;
}

/** "Azerbaijan › Central Aran economic region › Yevlakh", for breadcrumbs and exports. */
export function pathLabel(
	locations: readonly Location[],
	id: string,
	lang: Language,
	separator = ' › '
): string {
	const self = locations.find((l) => l.id === id);
	if (!self) return '';
	return [...ancestors(locations, id), self]
		.map((l) => pickText(l.name, lang).text)
		.join(separator);
}

/** The district-level places (the ones values are entered for) under a place, or everywhere. */
export function leaves(locations: readonly Location[], under?: string): Location[] {
	const pool = under ? descendants(locations, under) : locations;
	return pool.filter((l) => !locations.some((other) => other.parentId === l.id));
}
