import type { EntityKind, YolDatabase } from '$lib/db/database';
import { ENTITIES } from '$lib/domain/sync/protocol';
import { PULL_CURSOR_KEY, PULL_SCOPE_KEY, SHADOW_PREFIX, syncTables, tableOf } from './records';

const RECORD_ENTITIES = ENTITIES.filter((e): e is EntityKind => e !== 'conflict');

/**
 * Takes the scope a page was read under. When the records on this device came under another one
 * (an administrator gave the person other places, or another role), they go: the server no
 * longer sends what the person may not see, so a record left out of the new scope would stay on
 * the tablet for good. What this device typed and the server does not have stays: records with
 * changes in the outbox, saved here only, or refused (the person still has to see why), and
 * conflicts with a resolution on its way. The cursor goes back to the start, in the same
 * transaction, so the next pull brings again everything the new scope lets through. True when
 * it did so.
 */
export async function adoptScope(db: YolDatabase, scope: string | undefined): Promise<boolean> {
	if (scope === undefined) return false;
	return db.transaction('rw', syncTables(db), async () => {
		const stored = (await db.meta.get(PULL_SCOPE_KEY))?.value;
		if (stored === scope) return false;
		await db.meta.put({ key: PULL_SCOPE_KEY, value: scope });
		// A new device, or one from before scopes were sent: its records came under this scope.
		if (stored === undefined) return false;
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
		await db.meta.put({ key: PULL_CURSOR_KEY, value: 0 });
		return true;
	});
}
