import type { YolDatabase } from './database';

/**
 * Whether the browser promised to keep this device's data when space runs low. Without the
 * promise, Chromium and Safari may evict IndexedDB under storage pressure: values typed offline
 * and not yet synced would be gone. The answer is asked once and kept, so the note shows once.
 */
export type PersistOutcome = 'granted' | 'refused' | 'unsupported';

const PERSIST_KEY = 'storage_persist';

export interface PersistRecord {
	outcome: PersistOutcome;
	at: string;
}

export type StorageLike = Partial<Pick<StorageManager, 'persist' | 'persisted'>>;

export async function storedPersistence(db: YolDatabase): Promise<PersistRecord | null> {
	const found = await db.meta.get(PERSIST_KEY);
	const value = found?.value as PersistRecord | undefined;
	return value && typeof value.outcome === 'string' ? value : null;
}

/** Asks the browser the first time only; returns the outcome and whether it was asked now. */
export async function askPersistenceOnce(
	db: YolDatabase,
	storage: StorageLike | undefined,
	now: Date = new Date()
): Promise<{ outcome: PersistOutcome; askedNow: boolean }> {
	const stored = await storedPersistence(db);
	if (stored) return { outcome: stored.outcome, askedNow: false };
	let outcome: PersistOutcome;
	if (!storage?.persist) {
		outcome = 'unsupported';
	} else {
		try {
			outcome = (await storage.persisted?.()) || (await storage.persist()) ? 'granted' : 'refused';
		} catch {
			// Some browsers throw in private windows instead of answering.
			outcome = 'unsupported';
		}
	}
	const record: PersistRecord = { outcome, at: now.toISOString() };
	await db.meta.put({ key: PERSIST_KEY, value: record });
	return { outcome, askedNow: true };
}
