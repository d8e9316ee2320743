import { localDb, type YolDatabase } from './database';
import { StorageFullError, isQuotaError } from './errors';
import { askPersistenceOnce, type PersistOutcome } from './persistence';
import { isSeeded } from './seed-state';

export type FirstStartStatus = 'idle' | 'checking' | 'seeding' | 'ready' | 'error';

/**
 * The device's first start, shared by the layout (which shows it) and the pages (which wait
 * for it instead of calling an unfilled database "empty"). Browser-only state, so a singleton.
 */
class FirstStart {
	status = $state<FirstStartStatus>('idle');
	done = $state(0);
	total = $state(0);
	/** The failure, for the message; `storageFull` picks the out-of-space wording. */
	error = $state<{ message: string; storageFull: boolean } | null>(null);
	/** Set only on the start where the browser was asked, so the note shows once. */
	persisted = $state<PersistOutcome | null>(null);

	get percent(): number {
		return this.total ? Math.floor((this.done / this.total) * 100) : 0;
	}

	get ready(): boolean {
		return this.status === 'ready';
	}

	async run(db: YolDatabase = localDb()): Promise<void> {
		if (this.status === 'checking' || this.status === 'seeding') return;
		this.status = 'checking';
		this.error = null;
		try {
			await db.open();
			if (!(await isSeeded(db))) {
				// The catalogue and demo generator are needed once per device: loading them only
				// then keeps every later start (and the app shell's download) lighter.
				const { ensureSeeded } = await import('./seed');
				await ensureSeeded(db, (done, total) => {
					this.status = 'seeding';
					this.done = done;
					this.total = total;
				});
			}
			this.status = 'ready';
		} catch (error) {
			this.status = 'error';
			this.error = {
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
