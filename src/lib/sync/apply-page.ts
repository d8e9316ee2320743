import { isOpen } from '$lib/domain/sync/conflict';
import type { Change } from '$lib/domain/sync/protocol';
import type { Parsed } from '$lib/domain/indicators';
import type { EntityKind, LocalConflict, LocalValue, YolDatabase } from '$lib/db/database';
import { claimValue, findValue, packValues, unpackValues } from '$lib/db/value-packs';
import { loadParsersFor, parsers } from './lazy-parsers';
import {
	AWAITED_CONFLICT_PREFIX,
	adopt,
	openConflicts,
	parseChange,
	pendingFor,
	shadowKey,
	tableOf,
	type RecordChange,
	type SyncRow,
	type SyncSummary
} from './records';

/*
 * How a pulled page is stored (engine.ts pullChanges), loaded with the first page that brings
 * anything: most rounds bring nothing, so the app's start does not download it.
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
export type CheckedPage = Map<Change, Parsed<SyncRow>>;

export async function checkPage(changes: readonly Change[]): Promise<CheckedPage> {
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
export async function applyPage(
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
 * Ends the conflict markers nothing stands behind any more, at the end of a complete pull (the
 * server's word on every conflict this user may see): a value marked 'conflict' whose conflicts
 * here are all resolved, or that a push answer marked and whose conflict never came (the server
 * sends none for this user), with no edit of it waiting, shows 'synced' again. Reads only the
 * values that can be so: those awaited (AWAITED_CONFLICT_PREFIX) and those with a conflict here.
 */
export async function endStaleConflictMarks(db: YolDatabase): Promise<void> {
	const [awaited, conflicted] = await Promise.all([
		db.meta.where('key').startsWith(AWAITED_CONFLICT_PREFIX).primaryKeys(),
		db.conflicts.orderBy('entityId').uniqueKeys()
	]);
	const ids = new Set(conflicted.map(String));
	for (const key of awaited) ids.add(String(key).slice(AWAITED_CONFLICT_PREFIX.length));
	if (ids.size === 0) return;
	const rows = await db.values.bulkGet([...ids]);
	for (const row of rows) {
		if (row?.syncState !== 'conflict') continue;
		if ((await pendingFor(db, 'value', row.id)) > 0) continue;
		if ((await openConflicts(db, row.id, '')) > 0) continue;
		await db.values.put({ ...row, syncState: 'synced' });
	}
	if (awaited.length > 0) await db.meta.bulkDelete(awaited);
}
