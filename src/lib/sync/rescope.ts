import type { EntityKind, YolDatabase } from '$lib/db/database';
import { ENTITIES } from '$lib/domain/sync/protocol';
import {
	MARK_PREFIX,
	PULL_CURSOR_KEY,
	PULL_SCOPE_KEY,
	SHADOW_PREFIX,
	syncTables,
	tableOf
} from './records';

const RECORD_ENTITIES = ENTITIES.filter((e): e is EntityKind => e !== 'conflict');

/**
 * Takes the scope a page was read under. When the records on this device came under another one
 * (an administrator gave the person other places, or another role), they go: the server no
 * longer sends what the person may not see, so a record left out of the new scope would stay on
 * the tablet for good. What goes and what stays: see setAsidePulled. True when it did so.
 */
export async function adoptScope(db: YolDatabase, scope: string | undefined): Promise<boolean> {
	if (scope === undefined) return false;
	return db.transaction('rw', syncTables(db), async () => {
		const stored = (await db.meta.get(PULL_SCOPE_KEY))?.value;
		if (stored === scope) return false;
		await db.meta.put({ key: PULL_SCOPE_KEY, value: scope });
		// A new device, or one from before scopes were sent: its records came under this scope.
		if (stored === undefined) return false;
		await setAsidePulled(db);
		return true;
	});
}

/**
 * The server has nothing past this device's cursor (it answered 409 at 'after': restored from a
 * backup, say): what was pulled may be newer than the server's or missing from it. It goes the
 * same way as on a change of scope, and the next pull brings the server's state from the start.
 */
export async function restartPull(db: YolDatabase): Promise<void> {
	await db.transaction('rw', syncTables(db), () => setAsidePulled(db));
}

/**
 * Drops what this device pulled and sets the cursor back to the start, in the caller's
 * transaction. What this device typed and the server does not have stays: records with changes
 * in the outbox, saved here only, or refused (the person still has to see why), and conflicts
 * with a resolution on its way.
 */
export async function setAsidePulled(db: YolDatabase): Promise<void> {
	const waiting = new Set<string>();
	await db.outbox.each((entry) => waiting.add(`${entry.entity}:${entry.entityId}`));
	for (const entity of RECORD_ENTITIES) {
		const table = tableOf(db, entity);
		const pulled = await table
			.filter((row) => row.syncState === 'synced' || row.syncState === 'conflict')
			.primaryKeys();
		await table.bulkDelete(pulled.filter((id) => !waiting.has(`${entity}:${id}`)));
	}
	// Every packed value came from the server (value-packs.ts): none is this device's own.
	await db.valuePacks.clear();
	await db.conflicts.filter((conflict) => conflict.pending === undefined).delete();
	// Server copies kept beside pending edits came under the old scope: the pull sends them again.
	await db.meta.where('key').startsWith(SHADOW_PREFIX).delete();
	// A push's marks name values with edits waiting; a mark of any other value is stale (its
	// value may just have gone), and would make a later answer read a record that is not there.
	await db.meta
		.where('key')
		.startsWith(MARK_PREFIX)
		.filter((entry) => !waiting.has(`value:${entry.key.slice(MARK_PREFIX.length)}`))
		.delete();
	await db.meta.put({ key: PULL_CURSOR_KEY, value: 0 });
}
