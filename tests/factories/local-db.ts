import 'fake-indexeddb/auto';
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
