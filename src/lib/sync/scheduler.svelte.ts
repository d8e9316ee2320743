import { liveQuery, type Subscription } from 'dexie';
import { conflictsToReview } from '$lib/db/conflicts-to-review';
import type { YolDatabase } from '$lib/db/database';
import { backoffDelay } from './backoff';
import { browserEnvironment, type SyncEnvironment } from './environment';
import { syncOnce, type SyncSummary } from './engine';
import {
	OfflineError,
	SessionEndedError,
	UpdateRequiredError,
	type SyncTransport
} from './transport';

export type SyncStatusKind =
	| 'idle'
	| 'syncing'
	| 'offline'
	| 'error'
	| 'update_required'
	/** The server refused the session (401): waits for the user to sign in again. */
	| 'session_ended';

/** How often a device that is online and idle asks the server for news. */
export const SYNC_INTERVAL_MS = 60_000;
/**
 * How long after a change made online its round starts: soon enough that others see it within
 * seconds, late enough that a caseworker filling a grid sends the cells together.
 */
export const SYNC_AFTER_CHANGE_MS = 3_000;
const LAST_SYNCED_KEY = 'last_synced_at';

export interface SyncSetup {
	db: YolDatabase;
	transport: SyncTransport;
	deviceId: () => Promise<string>;
	env?: SyncEnvironment;
}

interface Counts {
	pending: number;
	conflicts: number;
	rejected: number;
	lastSyncedAt: string | null;
}

async function readCounts(db: YolDatabase): Promise<Counts> {
	// Value conflicts are counted from the pulled conflicts (what the review lists, on a
	// coordinator's tablet too); catalogue conflicts only exist as a marker on their record.
	const [pending, review, rejected, catalogue, last] = await Promise.all([
		db.outbox.count(),
		conflictsToReview(db),
		// Only a rejected value has a rejectReason: its index holds those few (database.ts).
		db.values
			.where('rejectReason')
			.aboveOrEqual('')
			.filter((v) => v.syncState === 'rejected')
			.count(),
		Promise.all([db.indicators.toArray(), db.locations.toArray()]),
		db.meta.get(LAST_SYNCED_KEY)
	]);
	const states = catalogue.flat().map((r) => r.syncState as string);
	return {
		pending,
		conflicts: review.length + states.filter((s) => s === 'conflict').length,
		rejected: rejected + states.filter((s) => s === 'rejected').length,
		lastSyncedAt: typeof last?.value === 'string' ? last.value : null
	};
}

/**
 * Syncs by itself: when the app opens, when the network returns, when the tab comes back into
 * view, every minute while online, a few seconds after a change is saved, and when asked. A failure waits longer each time (with
 * jitter, up to five minutes); "update required" waits for the new version.
 * Browser-only state, so one instance for the app (`syncScheduler`).
 */
export class SyncScheduler {
	pending = $state(0);
	status = $state<SyncStatusKind>('idle');
	lastSyncedAt = $state<string | null>(null);
	lastError = $state<string | null>(null);
	/** A large pull in progress: records received and expected in this round (0 when none). */
	received = $state(0);
	expected = $state(0);
	conflicts = $state(0);
	rejected = $state(0);
	/** The last round's result in this tab. */
	lastSummary = $state<SyncSummary | null>(null);

	private setup: (SyncSetup & { env: SyncEnvironment }) | undefined;
	private failures = 0;
	private retry: unknown;
	private running: Promise<void> | undefined;
	private again = false;
	private stops: (() => void)[] = [];
	private soon: unknown;
	private countsSeen = false;

	/** Whether start() has run (the triggers are listening). */
	started = $state(false);

	/** Starts the triggers and the first round; calling it again does nothing. */
	start(setup: SyncSetup): void {
		if (this.setup) return;
		const env = setup.env ?? browserEnvironment();
		this.setup = { ...setup, env };
		this.started = true;
		const subscription: Subscription = liveQuery(() => readCounts(setup.db)).subscribe({
			next: (counts) => {
				if (this.countsSeen && counts.pending > this.pending) this.syncSoon();
				this.countsSeen = true;
				this.pending = counts.pending;
				this.conflicts = counts.conflicts;
				this.rejected = counts.rejected;
				this.lastSyncedAt = counts.lastSyncedAt;
			},
			error: () => {
				// Counts are for show; the next write retries the query.
			}
		});
		const interval = env.setInterval(() => {
			if (env.online() && this.failures === 0) this.trigger();
		}, SYNC_INTERVAL_MS);
		this.stops = [
			() => subscription.unsubscribe(),
			() => env.clearInterval(interval),
			env.on('window', 'online', () => this.trigger(true)),
			env.on('window', 'offline', () => {
				if (this.status !== 'syncing' && this.status !== 'update_required') {
					this.status = 'offline';
				}
			}),
			env.on('document', 'visibilitychange', () => {
				if (env.visible()) this.trigger();
			})
		];
		this.trigger(true);
	}

	stop(): void {
		for (const stop of this.stops) stop();
		this.stops = [];
		if (this.setup && this.retry !== undefined) this.setup.env.clearTimeout(this.retry);
		if (this.setup && this.soon !== undefined) this.setup.env.clearTimeout(this.soon);
		this.retry = undefined;
		this.soon = undefined;
		this.countsSeen = false;
		this.setup = undefined;
		this.started = false;
	}

	/** "Sync now": runs a round at once, whatever the backoff says. */
	syncNow(): Promise<void> {
		return this.run(true);
	}

	/**
	 * A change was saved on this device (the outbox grew): while online, a round follows shortly.
	 * Offline, or during a backoff, the usual triggers take over.
	 */
	private syncSoon(): void {
		const setup = this.setup;
		if (!setup || this.soon !== undefined || !setup.env.online()) return;
		this.soon = setup.env.setTimeout(() => {
			this.soon = undefined;
			this.trigger();
		}, SYNC_AFTER_CHANGE_MS);
	}

	/** A trigger from an event: waits out a running backoff unless `force`. */
	private trigger(force = false): void {
		if (!force && this.retry !== undefined) return;
		if ((this.status === 'update_required' || this.status === 'session_ended') && !force) return;
		void this.run(force);
	}

	private run(force: boolean): Promise<void> {
		if (this.running) {
			// A change made during a round may have missed it: one more round afterwards.
			if (force) this.again = true;
			return this.running;
		}
		this.running = this.round().finally(() => {
			this.running = undefined;
			if (this.again) {
				this.again = false;
				void this.run(false);
			}
		});
		return this.running;
	}

	private async round(): Promise<void> {
		const setup = this.setup;
		if (!setup) return;
		const { env } = setup;
		if (this.retry !== undefined) env.clearTimeout(this.retry);
		this.retry = undefined;
		if (!env.online()) {
			this.status = 'offline';
			return;
		}
		this.status = 'syncing';
		try {
			const id = await setup.deviceId();
			// When another tab holds the lock it is syncing: its progress shows here via liveQuery.
			await env.withLock(async () => {
				this.received = 0;
				this.expected = 0;
				this.lastSummary = await syncOnce(setup.db, setup.transport, id, {
					onPull: (received, remaining) => {
						this.received = received;
						this.expected = received + (remaining ?? 0);
					},
					done: () => ({ key: LAST_SYNCED_KEY, value: env.now() })
				});
			});
			this.failures = 0;
			this.lastError = null;
			this.status = 'idle';
		} catch (error) {
			this.lastError = error instanceof Error ? error.message : String(error);
			if (error instanceof UpdateRequiredError) {
				// Retrying cannot help; the outbox waits for the new version of the app.
				this.status = 'update_required';
				return;
			}
			if (error instanceof SessionEndedError) {
				// Retrying cannot help either: the next round comes after the user signs in again
				// (or when the network returns, which asks the server once more).
				this.status = 'session_ended';
				return;
			}
			this.status = error instanceof OfflineError ? 'offline' : 'error';
			this.failures += 1;
			this.retry = env.setTimeout(
				() => {
					this.retry = undefined;
					void this.run(false);
				},
				backoffDelay(this.failures, env.random)
			);
		}
	}
}

export const syncScheduler = new SyncScheduler();
