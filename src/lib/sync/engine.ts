import {
	PULL_FROM_START,
	PULL_PAGE_DEFAULT,
	type Change,
	type PullResponse
} from '$lib/domain/sync/protocol';
import type { MetaEntry, YolDatabase } from '$lib/db/database';
import type { CheckedPage } from './apply-page';
import {
	ACKED_PREFIX,
	AWAITED_CONFLICT_PREFIX,
	PULL_CURSOR_KEY,
	PULL_EPOCH_KEY,
	PULL_SCOPE_KEY,
	RESTORE_STASH_KEY,
	emptySummary,
	syncTables,
	type SyncSummary
} from './records';
import { SyncHttpError, type SyncTransport } from './transport';

export { PULL_CURSOR_KEY, emptySummary, type SyncSummary } from './records';

/**
 * The one sync engine: push this device's outbox, then pull the server's changes.
 *
 * What a local record's `rev` means here: the server revision whose content the record shows
 * (for an edited record: the base of its pending edits). It only moves forward when the content
 * really is the server's at that revision, because the next edit sends it as `baseRev`, and a
 * baseRev that claims more than the device has seen would let its edit overwrite another
 * device's change silently.
 */

/** How a page is stored (apply-page.ts), loaded with the first page that brings anything. */
let applying: typeof import('./apply-page') | undefined;

/**
 * A page's records checked by their schemas, outside any transaction (a lazy file loading inside
 * one would end it); an empty page, what most rounds get, loads nothing.
 */
async function checkPage(changes: readonly Change[]): Promise<CheckedPage> {
	if (changes.length === 0) return new Map();
	applying ??= await import('./apply-page');
	return applying.checkPage(changes);
}

/**
 * Loads apply-page when the last page must settle conflict markers a push answer left waiting,
 * though no page brought anything: the server's empty answer is its word that no conflict
 * stands behind them for this user. Outside the page's transaction, for the same reason.
 */
async function loadForMarks(db: YolDatabase): Promise<void> {
	if (applying) return;
	const awaited = await db.meta.where('key').startsWith(AWAITED_CONFLICT_PREFIX).count();
	if (awaited > 0) applying = await import('./apply-page');
}

/**
 * Whether this device's records came under another scope than `scope`, and were set aside for
 * it (rescope.ts). Nearly every round finds the same scope, read without a write transaction
 * and without loading the code that sets records aside.
 */
async function scopeChanged(db: YolDatabase, scope: string | undefined): Promise<boolean> {
	if (scope === undefined || (await db.meta.get(PULL_SCOPE_KEY))?.value === scope) return false;
	const { adoptScope } = await import('./rescope');
	return adoptScope(db, scope);
}

/**
 * The first page from `after`. A server with nothing past it (409 at 'after': restored from a
 * backup) has changes this device never saw under revisions it already passed: what was pulled
 * is set aside as on a change of scope (rescope.ts), keeping what is not pushed, and the page
 * comes from the start. Returns the page and the cursor it was asked from.
 */
async function pullOrRestart(
	db: YolDatabase,
	transport: SyncTransport,
	after: number,
	size: number
): Promise<[page: PullResponse, from: number]> {
	try {
		return [await transport.pull(after, size), after];
	} catch (error) {
		if (!(error instanceof SyncHttpError) || error.status !== 409) throw error;
		if (error.field !== PULL_FROM_START || after === 0) throw error;
		// Restored, most likely: this device's own acknowledged edits are kept to send again.
		const { restartAfterRestore } = await import('./restore');
		await restartAfterRestore(db);
		return [await transport.pull(0, size), 0];
	}
}

/**
 * Whether the server's epoch changed since this device last pulled (it was restored from a
 * backup): what was pulled was set aside, own acknowledged edits kept (restore.ts), and the
 * caller pulls again from the start. Nearly every round finds the same epoch, read without a
 * write transaction and without loading restore.ts.
 */
async function epochChanged(db: YolDatabase, epoch: string | undefined): Promise<boolean> {
	if (epoch === undefined || (await db.meta.get(PULL_EPOCH_KEY))?.value === epoch) return false;
	const { adoptEpoch } = await import('./restore');
	return adoptEpoch(db, epoch);
}

/** Rounds whose pull sent own edits the restored server had lost back to the outbox. */
const requeuedIn = new WeakSet<SyncSummary>();

/** The first page of a first sync (see pullChanges). */
const FIRST_PAGE = 1000;

/**
 * Fetches the server's changes page by page from the stored cursor. `firstSync`: the device's
 * first download (first-start.svelte.ts), before any screen can write: pages are stored without
 * reading back local copies, as long as the outbox is empty (checked on every page). `caughtUp`:
 * a meta entry written with the last page and its cursor (the caller's "done" marker), so the
 * end of a pull is one commit, not a commit and then a write of its own behind the screens'
 * reads of what it just stored.
 */
export async function pullChanges(
	db: YolDatabase,
	transport: SyncTransport,
	pageSize: number = PULL_PAGE_DEFAULT,
	summary: SyncSummary = emptySummary(),
	onPage?: (received: number, remaining: number | undefined) => void,
	firstSync = false,
	caughtUp?: () => MetaEntry
): Promise<SyncSummary> {
	const stored = (await db.meta.get(PULL_CURSOR_KEY))?.value;
	let after = typeof stored === 'number' ? stored : 0;
	// A first sync asks for small pages first, so writing starts at once, then doubles them up
	// to `pageSize`: fewer, larger IndexedDB transactions, each written while the next arrives.
	let size = firstSync ? Math.min(pageSize, FIRST_PAGE) : pageSize;
	let page: PullResponse;
	[page, after] = await pullOrRestart(db, transport, after, size);
	if (await epochChanged(db, page.epoch)) {
		after = 0;
		page = await transport.pull(after, size);
	}
	if (await scopeChanged(db, page.scope)) {
		// Pulled under another scope: what may still be seen comes again, from the start.
		after = 0;
		page = await transport.pull(after, size);
	}
	// A restart after a restore not finished yet: its last page compares the edits kept aside.
	const restore = (await db.meta.get(RESTORE_STASH_KEY)) ? await import('./restore') : undefined;
	let checked = await checkPage(page.changes);
	for (;;) {
		const more = page.hasMore && page.cursor > after;
		// The next page is fetched while this one is stored: on a first sync the network, the
		// server and JSON parsing then overlap the IndexedDB writes instead of adding to them.
		let request: Promise<PullResponse> | undefined;
		if (more) {
			size = Math.min(pageSize, size * 2);
			request = transport.pull(page.cursor, size);
			// Handled here too, so a failure while this page is stored leaves no unhandled rejection.
			request.catch(() => undefined);
		}
		// A page and its cursor in one transaction: an interrupted first sync resumes at the
		// page it stopped on, with no page applied twice or skipped.
		if (!more) await loadForMarks(db);
		const from = after;
		const current = page;
		const currentChecked = checked;
		const writing = db.transaction('rw', syncTables(db), async () => {
			const fresh = firstSync && (await db.outbox.count()) === 0;
			// Loaded by checkPage before this transaction whenever the page brings anything.
			if (current.changes.length > 0) {
				await applying!.applyPage(db, current.changes, summary, fresh, currentChecked);
			}
			await db.meta.put({ key: PULL_CURSOR_KEY, value: Math.max(from, current.cursor) });
			// The server's last word: a conflict marker nothing stands behind ends here.
			if (!more && applying) await applying.endStaleConflictMarks(db);
			if (!more && restore && (await restore.requeueLost(db)) > 0) requeuedIn.add(summary);
			if (!more && caughtUp) await db.meta.put(caughtUp());
		});
		writing.catch(() => undefined);
		// While IndexedDB writes this page, the next one is received and checked (CPU work that
		// would otherwise wait for the commit). A failed write is reported before a failed fetch.
		let next: PullResponse | undefined;
		let fetchError: unknown;
		if (request) {
			try {
				next = await request;
				checked = await checkPage(next.changes);
			} catch (error) {
				fetchError = error;
			}
		}
		await writing;
		if (fetchError !== undefined) throw fetchError;
		onPage?.(summary.pulled + summary.skipped, current.remaining);
		if (!more || !next) return summary;
		after = current.cursor;
		page = next;
	}
}

export interface SyncOptions {
	pageSize?: number;
	/** After each pulled page: records received so far in this round, and how many remain. */
	onPull?: (received: number, remaining: number | undefined) => void;
	/**
	 * A meta entry written once the round has succeeded (the scheduler's last-synced time). When
	 * nothing was pushed it goes into the transaction of the pull's last page: a routine round
	 * then commits once, and the screens' live queries re-run once. As a write of its own after
	 * the pull it waited ~40 ms behind the overview's read (which includes meta) of the values
	 * just pulled, then made the overview read everything again.
	 */
	done?: () => MetaEntry;
}

/**
 * One round: everything in the outbox goes to the server, then everything new comes back.
 * Throws on the first failure (offline, update required, server error); whatever was settled
 * before it stays settled, and the next round carries on from there.
 */
export async function syncOnce(
	db: YolDatabase,
	transport: SyncTransport,
	deviceId: string,
	options: SyncOptions = {}
): Promise<SyncSummary> {
	const summary = emptySummary();
	let push = await pushHalf(db);
	try {
		await push?.pushOutbox(db, transport, deviceId, summary);
		await pullChanges(
			db,
			transport,
			options.pageSize ?? PULL_PAGE_DEFAULT,
			summary,
			options.onPull,
			false,
			// After a push, the round ends with its settling: the marker waits for it.
			push ? undefined : options.done
		);
		if (requeuedIn.has(summary)) {
			// The server was restored and lacked edits of this device: they go now, in this round.
			push ??= await import('./push');
			await push.pushOutbox(db, transport, deviceId, summary);
			await pullChanges(db, transport, options.pageSize ?? PULL_PAGE_DEFAULT, summary);
		}
	} catch (error) {
		// Whatever was acknowledged before the failure still settles; the failure is what counts.
		await push?.settleAcknowledgedLeftovers(db).catch(() => undefined);
		throw error;
	}
	if (push) {
		await push.settleAcknowledgedLeftovers(db);
		if (options.done) await db.meta.put(options.done());
	}
	return summary;
}

/**
 * The push half, loaded when this round has anything to send or to settle: a change saved during
 * the pull goes in the next round, a few seconds later. Most rounds send nothing, so the app's
 * start never downloads it.
 */
async function pushHalf(db: YolDatabase): Promise<typeof import('./push') | undefined> {
	const waiting =
		(await db.outbox.count()) > 0 ||
		(await db.meta.where('key').startsWith(ACKED_PREFIX).count()) > 0;
	return waiting ? import('./push') : undefined;
}
