import type { Table } from 'dexie';
import type { Parsed } from '$lib/domain/indicators';
import { isOpen } from '$lib/domain/sync/conflict';
import type { Change } from '$lib/domain/sync/protocol';
import type { EntityKind, SyncState, YolDatabase } from '$lib/db/database';
import { loadParsersFor, parsers } from './lazy-parsers';

// What the sync engine's two halves share: the device's synced tables and how a server copy of a
// record is checked and adopted. The pull (engine.ts) runs every round; the push (push.ts) loads
// only when the outbox holds something.

/** The server revision this device has pulled up to (meta). */
export const PULL_CURSOR_KEY = 'pull_cursor';

/** The scope key (PullResponse.scope) of the pages this device's records came from (meta). */
export const PULL_SCOPE_KEY = 'pull_scope';

/** The server's epoch (PullResponse.epoch) as this device last saw it (meta; see restore.ts). */
export const PULL_EPOCH_KEY = 'pull_epoch';

/**
 * This device's own acknowledged values, put aside when the server was found restored, until
 * the pull from the start ends and shows which of them the server lost (restore.ts).
 */
export const RESTORE_STASH_KEY = 'sync_restore_own';

/**
 * The newest server copy of a record pulled while this device had unsent edits to it (kept in
 * meta, one entry per record). If the server then sets those edits aside (conflict) or refuses
 * them, the record takes this copy: the cursor has moved past it and it will not come again.
 */
export const SHADOW_PREFIX = 'sync_shadow:';

/**
 * A value marked conflict or refused by a push's answer while later edits of it still wait
 * (push-answers.ts markKey): one meta entry per value, gone once nothing waits for it.
 */
export const MARK_PREFIX = 'sync_marked:value:';
/**
 * A value a push answer marked 'conflict', waiting for the conflict's record (one meta entry
 * each, holding the conflict id). The end of the next complete pull settles it: the record came
 * (it governs the marker from then on), or the server has none for this user, and the marker
 * ends (apply-page.ts endStaleConflictMarks). Without this, a conflict the server never sends
 * left its cell "In conflict" for good.
 */
export const AWAITED_CONFLICT_PREFIX = 'sync_awaited_conflict:value:';

/**
 * Value edits the server has acknowledged whose records were not rewritten yet (one meta entry
 * per push, keyed by its first seq): see settleAcknowledgedValues.
 */
export const ACKED_PREFIX = 'sync_acked:';

export interface SyncSummary {
	pushed: number;
	pulled: number;
	conflicts: number;
	rejected: number;
	/** Pulled records that failed the schema and were not stored (kept out, logged). */
	skipped: number;
}

export function emptySummary(): SyncSummary {
	return { pushed: 0, pulled: 0, conflicts: 0, rejected: 0, skipped: 0 };
}

/** The fields the engine reads and writes on every synced table. */
export interface SyncRow {
	id: string;
	rev: number;
	syncState: SyncState;
	rejectReason?: string;
}

/** The device table each synced entity lives in. */
export function tableOf(db: YolDatabase, entity: EntityKind): Table<SyncRow, string> {
	const tables: Record<EntityKind, Table> = {
		value: db.values,
		indicator: db.indicators,
		location: db.locations,
		organisation: db.organisations,
		measure: db.measures,
		measureNote: db.measureNotes,
		meeting: db.meetings,
		setting: db.settings,
		rule: db.rules
	};
	return tables[entity] as unknown as Table<SyncRow, string>;
}

export function shadowKey(entity: EntityKind, id: string): string {
	return `${SHADOW_PREFIX}${entity}:${id}`;
}

export function syncTables(db: YolDatabase) {
	return [
		db.values,
		db.valuePacks,
		db.indicators,
		db.locations,
		db.organisations,
		db.measures,
		db.measureNotes,
		db.meetings,
		db.settings,
		db.rules,
		db.outbox,
		db.meta,
		db.conflicts
	];
}

export async function pendingFor(db: YolDatabase, entity: EntityKind, id: string): Promise<number> {
	return db.outbox
		.where('entityId')
		.equals(id)
		.filter((e) => e.entity === entity)
		.count();
}

/** A pulled change to a record the device keeps in a table of its own (not a conflict). */
export type RecordChange = Change & { entity: EntityKind };

/** A pulled record checked by the same schemas the device's own forms use. */
export function parseChange(change: RecordChange): Parsed<SyncRow> {
	const data = (change.data ?? {}) as Record<string, unknown>;
	const schemas = parsers();
	const parse: Record<EntityKind, (input: unknown) => Parsed<object>> = {
		value: (input) =>
			schemas.parseIndicatorValue({ ...(input as object), rev: change.rev, deleted: false }),
		indicator: schemas.parseIndicator,
		location: schemas.parseLocation,
		organisation: schemas.parseOrganisation,
		measure: schemas.parseMeasure,
		measureNote: schemas.parseMeasureNote,
		meeting: schemas.parseMeeting,
		setting: schemas.parseSetting,
		rule: schemas.parseRule
	};
	const parsed = parse[change.entity](data);
	if (!parsed.ok) return parsed;
	const row = { ...parsed.value, rev: change.rev, syncState: 'synced' } as SyncRow;
	if (row.id !== change.entityId) {
		return { ok: false, problems: [{ field: 'id', message: 'id differs from entityId' }] };
	}
	return { ok: true, value: row };
}

/** Replaces a record by the server's copy, keeping a conflict or rejection marker. */
export async function adopt(table: Table<SyncRow, string>, row: SyncRow): Promise<void> {
	const local = await table.get(row.id);
	if (local && local.rev > row.rev) return; // an older copy than the one shown
	if (local && (local.syncState === 'conflict' || local.syncState === 'rejected')) {
		await table.put({ ...row, syncState: local.syncState, rejectReason: local.rejectReason });
	} else {
		await table.put(row);
	}
}

/** A stored shadow replaces the record once nothing of this device's is pending for it. */
export async function adoptShadow(db: YolDatabase, entity: EntityKind, id: string): Promise<void> {
	const key = shadowKey(entity, id);
	const shadow = (await db.meta.get(key))?.value as RecordChange | undefined;
	if (!shadow) return;
	await db.meta.delete(key);
	const table = tableOf(db, entity);
	if (shadow.deleted) {
		await table.delete(id);
		return;
	}
	await loadParsersFor([shadow]);
	const parsed = parseChange(shadow);
	if (parsed.ok) await adopt(table, parsed.value);
}

/** Conflicts about a value still waiting for a person's choice, other than `except`. */
export function openConflicts(db: YolDatabase, valueId: string, except: string): Promise<number> {
	return db.conflicts
		.where('entityId')
		.equals(valueId)
		.filter((c) => c.id !== except && isOpen(c) && !c.pending)
		.count();
}
