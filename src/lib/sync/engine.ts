import { isOpen } from '$lib/domain/sync/conflict';
import { PULL_PAGE_DEFAULT, type Change, type PullResponse } from '$lib/domain/sync/protocol';
import type { Parsed } from '$lib/domain/indicators';
import type {
	EntityKind,
	LocalConflict,
	LocalValue,
	MetaEntry,
	YolDatabase
} from '$lib/db/database';
import { claimValue, findValue, packValues, unpackValues } from '$lib/db/value-packs';
import { loadParsersFor, parsers } from './lazy-parsers';
import {
	ACKED_PREFIX,
	PULL_CURSOR_KEY,
	PULL_SCOPE_KEY,
	adopt,
	emptySummary,
	openConflicts,
	parseChange,
	pendingFor,
	shadowKey,
	syncTables,
	tableOf,
	type RecordChange,
	type SyncRow,
	type SyncSummary
} from './records';
import type { SyncTransport } from './transport';

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

async function applyChange(
	db: YolDatabase,
	change: RecordChange,
	summary: SyncSummary
): Promise<void> {
	const entity = change.entity;
	if ((await pendingFor(db, entity, change.entityId)) > 0) {
		// The device's pending edit is the newer intent and its push carries it; the record keeps
		// its content, rev (the base of those edits) and 'local'. The server copy waits aside.
		await db.meta.put({ key: shadowKey(entity, change.entityId), value: change });
		return;
	}
	const table = tableOf(db, entity);
	if (change.deleted) {
		await table.delete(change.entityId);
		if (entity === 'value') await unpackDeleted(db, change);
		summary.pulled += 1;
		return;
	}
	const parsed = parseChange(change);
	if (!parsed.ok) {
		summary.skipped += 1;
		console.warn(`sync: pulled ${entity} ${change.entityId} is invalid`, parsed.problems);
		return;
	}
	if (entity === 'value' && !(await db.values.get(change.entityId))) {
		await packValues(db, [parsed.value as LocalValue]);
	} else {
		await adopt(table, parsed.value);
	}
	summary.pulled += 1;
}

/** A value deleted on the server leaves its pack (a tombstone keeps the value's fields). */
async function unpackDeleted(db: YolDatabase, change: RecordChange): Promise<void> {
	const data = (change.data ?? {}) as Partial<LocalValue>;
	if (typeof data.indicatorId === 'string' && typeof data.period === 'string') {
		await unpackValues(db, [
			{ id: change.entityId, indicatorId: data.indicatorId, period: data.period }
		]);
		return;
	}
	// Not seen from this server; looked for in every pack rather than left behind.
	const holding = await db.valuePacks.filter((pack) => change.entityId in pack.values).toArray();
	await unpackValues(
		db,
		holding.map((pack) => ({
			id: change.entityId,
			indicatorId: pack.indicatorId,
			period: pack.period
		}))
	);
}

/** A page's records checked by their schemas before its transaction (see pullChanges). */
type CheckedPage = Map<Change, Parsed<SyncRow>>;

async function checkPage(changes: readonly Change[]): Promise<CheckedPage> {
	// Outside any transaction here: the schemas load like any other lazy file.
	await loadParsersFor(changes);
	const checked: CheckedPage = new Map();
	for (const change of changes) {
		if (change.entity === 'conflict' || change.deleted) continue;
		checked.set(change, parseChange(change as RecordChange));
	}
	return checked;
}

/**
 * Applies one pulled page. Records with nothing pending on this device (nearly all of them, and
 * all on a first sync) are read and written in bulk: one IndexedDB round trip per table instead
 * of three per record, which is what kept a first sync of thousands of records slow enough to
 * hold the screens' reads. The rest (pending edits, tombstones) go one by one as before.
 */
async function applyPage(
	db: YolDatabase,
	pageChanges: Change[],
	summary: SyncSummary,
	firstSync = false,
	checked: CheckedPage = new Map()
): Promise<void> {
	await loadParsersFor(pageChanges);
	// Conflicts go last: each names a value that came earlier (a lower revision) in this page or
	// before it, whose conflict marker it sets or clears.
	const changes = pageChanges.filter((c): c is RecordChange => c.entity !== 'conflict');
	const conflicts = pageChanges.filter((c) => c.entity === 'conflict');
	const ids = [...new Set(changes.map((c) => c.entityId))];
	// firstSync: the caller found the outbox empty in this transaction.
	const pending = new Set(
		firstSync
			? []
			: (await db.outbox.where('entityId').anyOf(ids).toArray()).map(
					(e) => `${e.entity}:${e.entityId}`
				)
	);
	const slow: RecordChange[] = [];
	const fast = new Map<EntityKind, SyncRow[]>();
	for (const change of changes) {
		if (change.deleted || pending.has(`${change.entity}:${change.entityId}`)) {
			slow.push(change);
			continue;
		}
		const parsed = checked.get(change) ?? parseChange(change);
		if (!parsed.ok) {
			summary.skipped += 1;
			console.warn(`sync: pulled ${change.entity} ${change.entityId} is invalid`, parsed.problems);
			continue;
		}
		const rows = fast.get(change.entity) ?? [];
		rows.push(parsed.value);
		fast.set(change.entity, rows);
	}
	for (const [entity, rows] of fast) {
		if (entity === 'value') {
			await applyValues(db, rows as LocalValue[], ids);
			summary.pulled += rows.length;
			continue;
		}
		const table = tableOf(db, entity);
		// On a first sync the device holds only what earlier pages brought (older revisions of
		// the same records at most) and no marker of its own: nothing to read back.
		const locals = firstSync ? [] : await table.bulkGet(rows.map((r) => r.id));
		const keep: SyncRow[] = [];
		rows.forEach((row, i) => {
			const local = locals[i];
			if (local && local.rev > row.rev) return; // an older copy than the one shown
			keep.push(local ? keepMarker(row, local) : row);
		});
		await table.bulkPut(keep);
		summary.pulled += rows.length;
	}
	for (const change of slow) await applyChange(db, change, summary);
	for (const change of conflicts) await applyConflict(db, change, summary);
}

/** The server's copy of a record, keeping this device's conflict or rejection marker on it. */
function keepMarker<T extends SyncRow>(row: T, local: SyncRow): T {
	return local.syncState === 'conflict' || local.syncState === 'rejected'
		? { ...row, syncState: local.syncState, rejectReason: local.rejectReason }
		: row;
}

/**
 * Stores pulled values with nothing pending: the ones this device holds in `values` (its own,
 * or marked) are replaced there, keeping their markers; a value with an open conflict goes
 * there marked; all others, nearly every value of a first sync, go into their packs
 * (value-packs.ts), which read back only the packs this page touches.
 */
async function applyValues(
	db: YolDatabase,
	rows: readonly LocalValue[],
	pageIds: readonly string[]
): Promise<void> {
	const [own, conflicted] = await Promise.all([
		db.values
			.where(':id')
			.anyOf(rows.map((r) => r.id))
			.toArray(),
		// A value can arrive after its conflict (changed again since): the marker goes on here.
		db.conflicts.where('entityId').anyOf(pageIds).toArray()
	]);
	const locals = new Map(own.map((v) => [v.id, v]));
	const inConflict = new Set(
		conflicted.filter((c) => isOpen(c) && !c.pending).map((c) => c.entityId)
	);
	const mine: LocalValue[] = [];
	const packed: LocalValue[] = [];
	for (const row of rows) {
		const local = locals.get(row.id);
		if (local && local.rev > row.rev) continue; // an older copy than the one shown
		const kept = local ? keepMarker(row, local) : row;
		if (kept.syncState === 'synced' && inConflict.has(row.id)) {
			mine.push({ ...row, syncState: 'conflict' });
		} else if (local) {
			mine.push(kept);
		} else {
			packed.push(row);
		}
	}
	const marked = mine.filter((row) => !locals.has(row.id));
	if (marked.length) await unpackValues(db, marked);
	await db.values.bulkPut(mine);
	await packValues(db, packed);
}

/**
 * Stores a pulled conflict and keeps its value's marker in step: an open conflict marks the value
 * 'conflict' (on a coordinator's tablet too, so the cell links to the review); once resolved, the
 * marker goes when no other conflict about that value is open. A value with edits still waiting
 * to be sent keeps 'local': those edits are the newer word and their own answer will mark it.
 */
async function applyConflict(db: YolDatabase, change: Change, summary: SyncSummary): Promise<void> {
	if (change.deleted) {
		await db.conflicts.delete(change.entityId);
		return;
	}
	const parsed = parsers().parseConflict(change.data);
	if (!parsed.ok || parsed.value.id !== change.entityId) {
		summary.skipped += 1;
		console.warn(`sync: pulled conflict ${change.entityId} is invalid`);
		return;
	}
	const local = await db.conflicts.get(change.entityId);
	if (local && local.rev > change.rev) return;
	const row: LocalConflict = { ...parsed.value, rev: change.rev };
	// A resolution chosen here and not yet sent stays until its own answer comes back.
	if (isOpen(row) && local?.pending) row.pending = local.pending;
	if (isOpen(row) && local?.refused) row.refused = local.refused;
	await db.conflicts.put(row);
	summary.pulled += 1;

	const ref = { id: row.entityId, indicatorId: row.indicatorId, period: row.period };
	const value = await findValue(db, ref);
	if (!value || (await pendingFor(db, 'value', row.entityId)) > 0) return;
	if (isOpen(row) && !row.pending) {
		if (value.syncState !== 'synced') return;
		// Marked, the value is this device's to track: it leaves its pack for `values`.
		await claimValue(db, ref);
		await db.values.put({ ...value, syncState: 'conflict' });
		return;
	}
	if (value.syncState !== 'conflict') return;
	if ((await openConflicts(db, row.entityId, row.id)) === 0) {
		await db.values.put({ ...value, syncState: 'synced' });
	}
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
	let page = await transport.pull(after, size);
	if (await scopeChanged(db, page.scope)) {
		// Pulled under another scope: what may still be seen comes again, from the start.
		after = 0;
		page = await transport.pull(after, size);
	}
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
		const from = after;
		const current = page;
		const currentChecked = checked;
		const writing = db.transaction('rw', syncTables(db), async () => {
			const fresh = firstSync && (await db.outbox.count()) === 0;
			await applyPage(db, current.changes, summary, fresh, currentChecked);
			await db.meta.put({ key: PULL_CURSOR_KEY, value: Math.max(from, current.cursor) });
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
	const push = await pushHalf(db);
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
