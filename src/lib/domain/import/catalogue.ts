import type { Indicator } from '../indicators';
import { descendants, type Location } from '../locations';
import { fold } from './fold';

/**
 * The catalogue as an import looks things up in it: an indicator by its code, id or name in any
 * language; a place by its id or name in any language, or by the path the app's exports print
 * ("Azerbaijan › Ganja-Dashkasan › Ganja"). Names are folded (fold.ts).
 */
export interface ImportCatalogue {
	indicators: readonly Indicator[];
	locations: readonly Location[];
	/** Roots of the person's places (a region includes its districts); null: every place. */
	scope: readonly string[] | null;
}

export type Found<T> = { found: T } | { missing: true } | { ambiguous: T[] };

export interface Lookup {
	indicator(text: string): Found<Indicator>;
	place(text: string): Found<Location>;
	inScope(locationId: string): boolean;
}

function index<T>(items: readonly T[], keys: (item: T) => string[]): Map<string, T[]> {
	const map = new Map<string, T[]>();
	for (const item of items) {
		for (const key of new Set(keys(item).map(fold).filter(Boolean))) {
			const list = map.get(key);
			if (list) list.push(item);
			else map.set(key, [item]);
		}
	}
	return map;
}

/**
 * A place's name without the word for its level, which spreadsheets often leave out:
 * "Ganja-Dashkasan" for "Ganja-Dashkasan economic region", "Yasamal" for "Yasamal rayonu".
 */
const LEVEL_WORDS =
	/ (economic region|region|district|iqtisadi rayonu|rayonu|rayon|экономическии раион|раион|регион)$/;

function shortName(name: string): string {
	return fold(name).replace(LEVEL_WORDS, '');
}

function pick<T>(map: Map<string, T[]>, key: string): Found<T> {
	const list = map.get(fold(key)) ?? [];
	if (list.length === 1) return { found: list[0]! };
	return list.length ? { ambiguous: list } : { missing: true };
}

export function catalogueLookup(catalogue: ImportCatalogue): Lookup {
	const byCode = index(catalogue.indicators, (i) => [i.code, i.id]);
	const byName = index(catalogue.indicators, (i) => [i.name.az, i.name.en, i.name.ru]);
	const placeById = new Map(catalogue.locations.map((l) => [l.id, l]));
	const placeByName = index(catalogue.locations, (l) => [l.name.az, l.name.en, l.name.ru]);
	const placeByShortName = index(catalogue.locations, (l) =>
		[l.name.az, l.name.en, l.name.ru].map(shortName)
	);
	const findPlace = (text: string): Found<Location> => {
		const exact = pick(placeByName, text);
		return 'missing' in exact ? pick(placeByShortName, shortName(text)) : exact;
	};
	let allowed: Set<string> | null = null;
	if (catalogue.scope) {
		allowed = new Set(catalogue.scope);
		for (const root of catalogue.scope) {
			for (const below of descendants(catalogue.locations, root)) allowed.add(below.id);
		}
	}
	return {
		indicator(text) {
			const byItsCode = pick(byCode, text);
			return 'missing' in byItsCode ? pick(byName, text) : byItsCode;
		},
		place(text) {
			const trimmed = text.trim();
			const own = placeById.get(trimmed);
			if (own) return { found: own };
			// A path names its last place; the earlier ones only tell two namesakes apart.
			const parts = trimmed.split(/\s*[›>/]\s*/).filter(Boolean);
			const found = findPlace(parts.at(-1) ?? '');
			if (!('ambiguous' in found) || parts.length < 2) return found;
			const parent = findPlace(parts.at(-2)!);
			if (!('found' in parent)) return found;
			const under = found.ambiguous.filter((l) => l.parentId === parent.found.id);
			return under.length === 1 ? { found: under[0]! } : found;
		},
		inScope(locationId) {
			return allowed === null || allowed.has(locationId);
		}
	};
}
