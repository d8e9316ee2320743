/** One tab at a time: the others see the outbox shrink through liveQuery. */
export const SYNC_LOCK = 'yol-sync';

/** What the scheduler needs from the browser; tests pass their own. */
export interface SyncEnvironment {
	online(): boolean;
	visible(): boolean;
	on(target: 'window' | 'document', event: string, listener: () => void): () => void;
	setTimeout(run: () => void, ms: number): unknown;
	clearTimeout(handle: unknown): void;
	setInterval(run: () => void, ms: number): unknown;
	clearInterval(handle: unknown): void;
	/** Runs `task` holding the cross-tab lock; resolves false when another tab holds it. */
	withLock(task: () => Promise<void>): Promise<boolean>;
	/** The current time as an ISO string (stored as the last sync time). */
	now(): string;
	random(): number;
}

export function browserEnvironment(): SyncEnvironment {
	return {
		online: () => navigator.onLine,
		visible: () => document.visibilityState === 'visible',
		on(target, event, listener) {
			const t = target === 'window' ? window : document;
			t.addEventListener(event, listener);
			return () => t.removeEventListener(event, listener);
		},
		setTimeout: (run, ms) => setTimeout(run, ms),
		clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
		setInterval: (run, ms) => setInterval(run, ms),
		clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
		async withLock(task) {
			const locks = (navigator as Navigator & { locks?: LockManager }).locks;
			if (!locks) {
				await task();
				return true;
			}
			// ifAvailable: a tab that finds another one syncing skips this round, not queues it.
			return locks.request(SYNC_LOCK, { ifAvailable: true }, async (lock) => {
				if (!lock) return false;
				await task();
				return true;
			});
		},
		now: () => new Date().toISOString(),
		random: () => Math.random()
	};
}
