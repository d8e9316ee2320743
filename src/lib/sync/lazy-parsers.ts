import { Dexie } from 'dexie';
import type * as RecordParsers from './record-parsers';

let loaded: typeof RecordParsers | undefined;

/**
 * Loads the records' schemas if any of these changes needs them (once; cached offline). Called
 * inside the engine's IndexedDB transactions: Dexie.waitFor keeps the transaction alive while the
 * file loads (an await on anything else would let IndexedDB commit it half-way).
 */
export function loadParsersFor(changes: readonly { deleted?: boolean }[]): Promise<void> {
	if (loaded || !changes.some((c) => !c.deleted)) return Dexie.Promise.resolve();
	return Dexie.waitFor(import('./record-parsers')).then((parsers) => {
		loaded = parsers;
	});
}

/** The records' schemas, loaded by loadParsersFor before any record is parsed. */
export function parsers(): typeof RecordParsers {
	if (!loaded) throw new Error('sync: record schemas used before loadParsersFor');
	return loaded;
}
