import { localDb, type YolDatabase } from './database';
import { StorageFullError, isQuotaError } from './errors';
import { askPersistenceOnce, type PersistOutcome } from './persistence';
import { PULL_PAGE_MAX } from '$lib/domain/sync/protocol';
import { emptySummary, pullChanges } from '$lib/sync/engine';
import {
	OfflineError,
	SessionEndedError,
	fetchTransport,
	type SyncTransport
} from '$lib/sync/transport';
import { isSeeded, seededEntry } from './seed-state';

export type FirstStartStatus = 'idle' | 'checking' | 'seeding' | 'ready' | 'error';

/**
 * The device's first start, shared by the layout (which shows it) and the pages (which wait
 * for it instead of calling an unfilled database "empty"). Browser-only state, so a singleton.
 */
export class FirstStart {
	status = $state<FirstStartStatus>('idle');
	done = $state(0);
	total = $state(0);
	/** The failure, for the message; `storageFull` picks the out-of-space wording. */
	error = $state<{
		message: string;
		storageFull: boolean;
		offline: boolean;
		/** The server no longer knows the session: the download waits for the password. */
		sessionEnded: boolean;
	} | null>(null);
	/** Set only on the start where the browser was asked, so the note shows once. */
	persisted = $state<PersistOutcome | null>(null);

	get percent(): number {
		return this.total ? Math.floor((this.done / this.total) * 100) : 0;
	}

	get ready(): boolean {
		return this.status === 'ready';
	}

	async run(
		db: YolDatabase = localDb(),
		transport: SyncTransport = fetchTransport()
	): Promise<void> {
		if (this.status === 'checking' || this.status === 'seeding') return;
		this.status = 'checking';
		this.error = null;
		try {
			await db.open();
			if (!(await isSeeded(db))) {
				// A new device downloads what it may see (catalogue, places, values) from the
				// server: the one way data comes onto a device, so no demo data is ever invented
				// on a tablet. Pages land with their cursor, so a cut connection resumes here.
				this.status = 'seeding';
				// Pages growing to the largest the server sends: fewer IndexedDB transactions.
				await pullChanges(
					db,
					transport,
					PULL_PAGE_MAX,
					emptySummary(),
					(done, left) => {
						this.done = done;
						this.total = done + (left ?? 0);
					},
					true,
					// In the last page's transaction: the download is done when its last page is.
					seededEntry
				);
			}
			this.status = 'ready';
		} catch (error) {
			this.status = 'error';
			this.error = {
				offline: error instanceof OfflineError,
				sessionEnded: error instanceof SessionEndedError,
				message: error instanceof Error ? error.message : String(error),
				storageFull: error instanceof StorageFullError || isQuotaError(error)
			};
			return;
		}
		// After seeding, so a slow or odd answer never holds up the data; asked once per device.
		try {
			const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
			const { outcome, askedNow } = await askPersistenceOnce(db, storage);
			if (askedNow) this.persisted = outcome;
		} catch {
			// The question is a courtesy: failing to record its answer must not block the app.
		}
	}
}

export const firstStart = new FirstStart();
