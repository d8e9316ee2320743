import type { IndicatorValue } from '$lib/domain/indicators';
import type { LocalValue, OutboxEntry, YolDatabase } from '$lib/db/database';
import { findValue, unpackValues } from '$lib/db/value-packs';
import { ACKED_PREFIX, PULL_EPOCH_KEY, RESTORE_STASH_KEY, pendingFor, syncTables } from './records';
import { setAsidePulled } from './rescope';

/*
 * A server restored from a backup (issue #22 §3). Its revisions went back in time, and with them
 * every edit acknowledged after the backup: the server says so by a new epoch on its pulls
 * (migration 010), or by a 409 to a cursor past its newest change. This device still holds its
 * own acknowledged edits (the values it wrote, in `values`, each with its history line): they
 * are put aside, everything pulled goes (rescope.ts), the pull starts again from 0, and at its
 * end each own edit the server no longer has goes into the outbox again, on the server's copy
 * as its base. An edit the server still has is not sent again, so none lands twice.
 */

/**
 * The server's epoch as this device last saw it. Returns true when it changed: what was pulled
 * was set aside and the caller pulls again from the start. A first epoch seen (a new device, or
 * a server that just gained one) is taken as it is.
 */
export async function adoptEpoch(db: YolDatabase, epoch: string): Promise<boolean> {
	return db.transaction('rw', [...syncTables(db), db.history], async () => {
		const stored = (await db.meta.get(PULL_EPOCH_KEY))?.value;
		if (stored === epoch) return false;
		await db.meta.put({ key: PULL_EPOCH_KEY, value: epoch });
		if (stored === undefined) return false;
		await setAsideForRestore(db);
		return true;
	});
}

/** The server has nothing past this device's cursor (409): as for a new epoch. */
export async function restartAfterRestore(db: YolDatabase): Promise<void> {
	await db.transaction('rw', [...syncTables(db), db.history], () => setAsideForRestore(db));
}

/**
 * Keeps this device's own acknowledged values aside (merged with any kept by a restart not yet
 * finished), then drops what was pulled and sets the cursor to 0, in the caller's transaction.
 * Own: in `values`, nothing of it waiting in the outbox, and its content is the edit this
 * device made (a history line of this device at its `updatedAt`), not a copy pulled since.
 */
async function setAsideForRestore(db: YolDatabase): Promise<void> {
	const madeHere = new Set<string>();
	await db.history
		.filter((line) => line.source === 'this_device' && line.entity === 'value')
		.each((line) => madeHere.add(`${line.entityId}\u0000${line.at}`));
	const waiting = new Set<string>();
	await db.outbox.each((entry) => {
		if (entry.entity === 'value') waiting.add(entry.entityId);
	});
	const own = await db.values
		.filter(
			(row) =>
				(row.syncState === 'synced' || row.syncState === 'local') &&
				!waiting.has(row.id) &&
				madeHere.has(`${row.id}\u0000${row.updatedAt}`)
		)
		.toArray();
	const kept = new Map<string, LocalValue>();
	for (const row of ((await db.meta.get(RESTORE_STASH_KEY))?.value as LocalValue[]) ?? []) {
		kept.set(row.id, row);
	}
	for (const row of own) kept.set(row.id, row);
	await db.meta.put({ key: RESTORE_STASH_KEY, value: [...kept.values()] });
	// Their revisions are of the server's old line: they leave `values` so that the server's
	// copies, under its new revisions, are taken as they come.
	await db.values.bulkDelete(own.map((row) => row.id));
	// Acknowledgements not yet written down name revisions of the old line too.
	await db.meta.where('key').startsWith(ACKED_PREFIX).delete();
	await setAsidePulled(db);
}

/** Whether own edits wait to be compared with the server's state (a restart not finished). */
export async function recovering(db: YolDatabase): Promise<boolean> {
	return (await db.meta.get(RESTORE_STASH_KEY)) !== undefined;
}

const EDITABLE = ['value', 'comment'] as const;

/**
 * At the end of the pull from the start (in its last page's transaction): each own edit put
 * aside that the server's copy does not show goes into the outbox again, based on that copy, so
 * it applies once and merges or conflicts as any edit would. Not sent again: an edit of the
 * value made since (its own outbox entry carries it), or a server copy that is newer than the
 * edit (someone changed the value after the restore). Returns how many went into the outbox.
 */
export async function requeueLost(db: YolDatabase): Promise<number> {
	const kept = (await db.meta.get(RESTORE_STASH_KEY))?.value as LocalValue[] | undefined;
	if (!kept) return 0;
	await db.meta.delete(RESTORE_STASH_KEY);
	let requeued = 0;
	for (const mine of kept) {
		if ((await pendingFor(db, 'value', mine.id)) > 0) continue;
		const ref = { id: mine.id, indicatorId: mine.indicatorId, period: mine.period };
		const server = await findValue(db, ref);
		const changed = server ? EDITABLE.filter((field) => server[field] !== mine[field]) : EDITABLE;
		// Nothing lost, or overtaken since the restore: the server's copy stands.
		if (server && (changed.length === 0 || server.updatedAt > mine.updatedAt)) continue;
		const base = server?.rev ?? 0;
		if (server) await unpackValues(db, [ref]);
		const fields: Partial<LocalValue> = { ...mine };
		delete fields.syncState;
		delete fields.rejectReason;
		const data = { ...fields, rev: base, deleted: false } as IndicatorValue;
		await db.values.put({ ...data, syncState: 'local' });
		const entry: OutboxEntry = {
			mutationId: crypto.randomUUID(),
			entity: 'value',
			entityId: mine.id,
			op: 'put',
			baseRev: base,
			changed: [...changed],
			data,
			createdAt: mine.updatedAt
		};
		await db.outbox.add(entry);
		requeued += 1;
	}
	return requeued;
}
