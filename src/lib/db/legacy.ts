import Dexie from 'dexie';
import { LEGACY_DATABASE_NAME, YolDatabase, userDatabaseName, type EntityKind } from './database';

export { LEGACY_DATABASE_NAME };

/** What became of the old database: none found, its unsynced work moved, removed, or kept. */
export type LegacyOutcome = 'none' | 'adopted' | 'removed' | 'kept';

/** Meta entries that belong to the device rather than to the data it pulled. */
const DEVICE_META = ['device_id'];
const SHADOW_PREFIX = 'sync_shadow:';

/**
 * Run once the signed-in user is known, before their database opens. The first user who signs
 * in on a device whose old database still holds unsynced changes takes them over (with the
 * device's id, so the server's exactly-once counter carries on): they go out under that user's
 * rights, and the server refuses what that user may not write, with a reason shown like any
 * refusal. Everything else in the old database was a copy of the server's records; the user's
 * own first start downloads what they may see, so none of it is copied.
 *
 * A user whose database already exists does not take over anything: the old database is
 * removed when nothing in it is unsynced, else kept for a user who has none yet.
 */
export async function settleLegacyDatabase(userId: string): Promise<LegacyOutcome> {
	if (!(await Dexie.exists(LEGACY_DATABASE_NAME))) return 'none';
	const legacy = new YolDatabase(LEGACY_DATABASE_NAME);
	try {
		const pending = await legacy.outbox.count();
		if (pending === 0) {
			legacy.close();
			await Dexie.delete(LEGACY_DATABASE_NAME);
			return 'removed';
		}
		if (await Dexie.exists(userDatabaseName(userId))) return 'kept';
		const target = new YolDatabase(userDatabaseName(userId));
		try {
			await copyUnsynced(legacy, target);
		} finally {
			target.close();
		}
	} finally {
		legacy.close();
	}
	await Dexie.delete(LEGACY_DATABASE_NAME);
	return 'adopted';
}

/** The outbox, the records it changes, their history and base copies, and the device's id. */
async function copyUnsynced(from: YolDatabase, to: YolDatabase): Promise<void> {
	const outbox = await from.outbox.orderBy('seq').toArray();
	const byEntity = new Map<EntityKind, Set<string>>();
	for (const entry of outbox) {
		const ids = byEntity.get(entry.entity) ?? new Set<string>();
		ids.add(entry.entityId);
		byEntity.set(entry.entity, ids);
	}
	const rows = await Promise.all(
		[...byEntity].map(async ([entity, ids]) => {
			const table = tableName(entity);
			const found = await from.table(table).bulkGet([...ids]);
			return { table, rows: found.filter((row) => row !== undefined) };
		})
	);
	const entityIds = outbox.map((entry) => entry.entityId);
	const history = await from.history.where('entityId').anyOf(entityIds).toArray();
	const meta = (await from.meta.toArray()).filter(
		(entry) => DEVICE_META.includes(entry.key) || entry.key.startsWith(SHADOW_PREFIX)
	);
	await to.transaction('rw', to.tables, async () => {
		// Explicit seqs: the outbox keeps its order and numbering, and new entries continue after it.
		await to.outbox.bulkPut(outbox);
		for (const { table, rows: found } of rows) await to.table(table).bulkPut(found);
		await to.history.bulkPut(history.map(({ id: _id, ...entry }) => entry));
		await to.meta.bulkPut(meta);
	});
}

function tableName(entity: EntityKind): string {
	const tables: Record<EntityKind, string> = {
		value: 'values',
		indicator: 'indicators',
		location: 'locations',
		organisation: 'organisations',
		measure: 'measures',
		measureNote: 'measureNotes',
		meeting: 'meetings',
		setting: 'settings',
		rule: 'rules'
	};
	return tables[entity];
}
