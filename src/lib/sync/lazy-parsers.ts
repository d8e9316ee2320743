import { Dexie } from 'dexie';
import type * as RoadmapParsers from './roadmap-parsers';

const ROADMAP_ENTITIES = new Set(['measure', 'measureNote', 'meeting', 'organisation']);

let loaded: typeof RoadmapParsers | undefined;

/**
 * Loads the roadmap's schemas if any of these changes needs them (once; cached offline). Called
 * inside the engine's IndexedDB transactions: Dexie.waitFor keeps the transaction alive while the
 * file loads (an await on anything else would let IndexedDB commit it half-way).
 */
export function loadParsersFor(changes: readonly { entity: string }[]): Promise<void> {
	if (loaded || !changes.some((c) => ROADMAP_ENTITIES.has(c.entity)))
		return Dexie.Promise.resolve();
	return Dexie.waitFor(import('./roadmap-parsers')).then((parsers) => {
		loaded = parsers;
	});
}

/** The roadmap's schemas, loaded by loadParsersFor before any record of theirs is parsed. */
export function roadmap(): typeof RoadmapParsers {
	if (!loaded) throw new Error('sync: roadmap schemas used before loadParsersFor');
	return loaded;
}
