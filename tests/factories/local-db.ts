import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeEach } from 'vitest';
import { YolDatabase } from '../../src/lib/db/database';

/**
 * Gives every test its own empty device database (in fake-indexeddb), deleted afterwards.
 * `onOpen` receives it, with its name, before the test runs: assign it, or fill it.
 */
export function useFreshDb(onOpen: (db: YolDatabase, name: string) => unknown): void {
	let db: YolDatabase | undefined;
	let name = '';
	beforeEach(async () => {
		name = `test-${crypto.randomUUID()}`;
		db = new YolDatabase(name);
		await db.open();
		await onOpen(db, name);
	});
	afterEach(async () => {
		db?.close();
		await YolDatabase.delete(name);
	});
}

/**
 * The device database as an older release declared it, up to `version` (1, 2, 3, 5 or 6), opened
 * and empty, for the tests that open it with today's YolDatabase and find their data intact.
 * Each version's stores are written here once, as they shipped: never edit one.
 */
export async function openOldDevice(name: string, version: 1 | 2 | 3 | 5 | 6 | 16): Promise<Dexie> {
	const old = new Dexie(name);
	old.version(1).stores({
		indicators: 'id, &code, area',
		locations: 'id, parentId',
		values: 'id, [indicatorId+period], [indicatorId+locationId+period], syncState',
		outbox: '++seq, entityId',
		history: '++id, entityId',
		meta: 'key'
	});
	if (version >= 2) {
		old.version(2).stores({
			organisations: 'id',
			measures: 'id, chapter',
			measureNotes: 'id, measureId, date',
			meetings: 'id, date'
		});
	}
	if (version >= 3) old.version(3).stores({ conflicts: 'id, entityId' });
	if (version >= 5) {
		old.version(5).stores({ values: 'id, [indicatorId+period+locationId], rejectReason' });
	}
	if (version >= 6) old.version(6).stores({ settings: 'id' });
	if (version >= 16) {
		old.version(7).stores({ valuePacks: '[indicatorId+period]' });
		old.version(13).stores({ imports: 'id, at' });
		old.version(15).stores({ exchangeMappings: 'id' });
		old.version(16).stores({ rules: 'id, indicatorId' });
	}
	await old.open();
	return old;
}
