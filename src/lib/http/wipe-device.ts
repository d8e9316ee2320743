import { knownUsers } from '$lib/auth/remembered';
import { LEGACY_DATABASE_NAME, selectLocalDb, userDatabaseName } from '$lib/db/database';

/**
 * Deletes everything Yol keeps on this device: every IndexedDB database of its origin (each
 * user's database, with their records, outbox and device id and name), the service worker's
 * caches, and localStorage and sessionStorage. The origin holds nothing but Yol, so all of it
 * goes. Best effort at each step: one that fails does not keep the others from running.
 */
export async function wipeDevice(): Promise<void> {
	const names = new Set<string>([LEGACY_DATABASE_NAME]);
	for (const id of knownUserIds()) names.add(userDatabaseName(id));
	// The open database is closed first: a deletion waits for every connection to close.
	selectLocalDb(null);
	try {
		for (const db of await indexedDB.databases()) if (db.name) names.add(db.name);
	} catch {
		// No databases() here: the names known from localStorage are deleted.
	}
	await Promise.all([...names].map(deleteDatabase));
	try {
		if (typeof caches !== 'undefined') {
			await Promise.all((await caches.keys()).map((key) => caches.delete(key)));
		}
	} catch {
		// No Cache Storage: nothing to delete.
	}
	for (const storage of [localStorage, sessionStorage]) {
		try {
			storage.clear();
		} catch {
			// Storage unavailable: nothing was kept in it.
		}
	}
}

function knownUserIds(): string[] {
	try {
		return Object.values(knownUsers(localStorage));
	} catch {
		return [];
	}
}

/** Resolves when the database is gone (or could not be deleted: the other steps go on). */
function deleteDatabase(name: string): Promise<void> {
	return new Promise((resolve) => {
		const request = indexedDB.deleteDatabase(name);
		request.onsuccess = () => resolve();
		request.onerror = () => resolve();
	});
}
