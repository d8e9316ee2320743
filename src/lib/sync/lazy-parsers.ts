import type * as RoadmapParsers from './roadmap-parsers';

const ROADMAP_ENTITIES = new Set(['measure', 'measureNote', 'meeting', 'organisation']);

let loaded: typeof RoadmapParsers | undefined;

/** Loads the roadmap's schemas if any of these changes needs them (once; cached offline). */
export async function loadParsersFor(changes: readonly { entity: string }[]): Promise<void> {
	if (loaded || !changes.some((c) => ROADMAP_ENTITIES.has(c.entity))) return;
	loaded = await import('./roadmap-parsers');
}

/** The roadmap's schemas, loaded by loadParsersFor before any record of theirs is parsed. */
export function roadmap(): typeof RoadmapParsers {
	if (!loaded) throw new Error('sync: roadmap schemas used before loadParsersFor');
	return loaded;
}
