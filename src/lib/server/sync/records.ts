import type { FieldRevs } from '../../domain/sync/merge';
import type { Entity } from '../../domain/sync/protocol';
import { insertRows, selectIn } from '../db/bulk';
import type { SqlValue, Store } from '../db/store';

/**
 * SQL for the sync tables (migration 002). Kept beside the sync logic rather than under db/
 * because nothing else reads these tables; every statement runs on the `tx` it is given.
 */

export interface StoredRecord {
	entity: Entity;
	id: string;
	rev: number;
	deleted: boolean;
	data: unknown;
	fieldRevs: FieldRevs;
	/** `data` as the database returned it (JSON), so it can be written on without encoding again. */
	dataJson?: string | null;
}

interface RecordRow {
	entity: Entity;
	id: string;
	rev: number;
	deleted: number;
	data: string | null;
	field_revs: string;
}

/**
 * Serialises every transaction that hands out revisions (pushes, the demo seed).
 *
 * Revisions come from one counter, but on PostgreSQL (READ COMMITTED, several app servers) two
 * transactions could take 10 and 11 and commit 11 first: a device pulling in between would move
 * its cursor to 11 and never see 10. Holding one transaction-level advisory lock from the start of
 * every writing transaction to its commit makes revision order equal commit order, so a reader can
 * never skip a change committed late. Keyed by schema like migrate.ts, so tests running in
 * separate schemas do not wait on each other. SQLite runs one write transaction at a time anyway.
 */
export async function lockRevisions(tx: Store): Promise<void> {
	if (tx.dialect !== 'postgres') return;
	await tx.get(`SELECT pg_advisory_xact_lock(hashtext('yol.sync.' || current_schema()))`);
}

/** Takes `count` revisions from the counter; returns the first (the others follow it). */
export async function nextRevisions(tx: Store, count = 1): Promise<number> {
	const row = await tx.get<{ rev: number }>(
		'UPDATE sync_revision SET rev = rev + $1 WHERE id = 1 RETURNING rev',
		[count]
	);
	if (!row) throw new Error('sync_revision has no row (migration 002 not applied?)');
	return row.rev - count + 1;
}

export async function getRecord(
	tx: Store,
	entity: Entity,
	id: string
): Promise<StoredRecord | undefined> {
	const row = await tx.get<RecordRow>(
		'SELECT entity, id, rev, deleted, data, field_revs FROM records WHERE entity = $1 AND id = $2',
		[entity, id]
	);
	return row && fromRow(row);
}

/** The records of one entity with these ids, by id (absent ids are not in the map). */
export async function getRecords(
	tx: Store,
	entity: Entity,
	ids: readonly string[]
): Promise<Map<string, StoredRecord>> {
	const rows = await selectIn<RecordRow>(
		tx,
		'SELECT entity, id, rev, deleted, data, field_revs FROM records WHERE entity = $1 AND id IN (?)',
		[entity],
		ids
	);
	return new Map(rows.map((row) => [row.id, fromRow(row)]));
}

/** A stored record; `data` is parsed when first read (a push mostly needs only its JSON). */
export function fromRow(row: RecordRow): StoredRecord {
	let data: unknown;
	return {
		entity: row.entity,
		id: row.id,
		rev: row.rev,
		deleted: row.deleted === 1,
		get data() {
			if (data === undefined) data = row.data === null ? null : (JSON.parse(row.data) as unknown);
			return data;
		},
		fieldRevs: JSON.parse(row.field_revs) as FieldRevs,
		dataJson: row.data
	};
}

export interface RecordWrite {
	entity: Entity;
	id: string;
	rev: number;
	deleted: boolean;
	data: unknown;
	fieldRevs: FieldRevs;
	deviceId: string;
	at: string;
}

/**
 * A value's place (or a value conflict's), copied into its own column so pulls can be scoped by
 * place in SQL: a caseworker never receives a conflict about a place outside their districts.
 */
export function locationOf(entity: Entity, data: unknown): string | null {
	if (entity !== 'value' && entity !== 'conflict') return null;
	if (typeof data !== 'object' || data === null) return null;
	const id = (data as { locationId?: unknown }).locationId;
	return typeof id === 'string' ? id : null;
}

export async function writeRecord(tx: Store, record: RecordWrite): Promise<void> {
	await upsertRecords(tx, [record]);
}

const UPSERT_HEAD = `INSERT INTO records
	(entity, id, rev, deleted, data, field_revs, location_id, updated_at, updated_by_device)`;
const UPSERT_TAIL = `ON CONFLICT (entity, id) DO UPDATE SET
	rev = excluded.rev, deleted = excluded.deleted, data = excluded.data,
	field_revs = excluded.field_revs, location_id = excluded.location_id,
	updated_at = excluded.updated_at, updated_by_device = excluded.updated_by_device`;

/**
 * Writes many records in few statements, new or not. Each (entity, id) at most once: one
 * statement cannot update a row twice on PostgreSQL. `dataJson` is `data` already as JSON, when
 * the caller has it (it is the longest column).
 */
export async function upsertRecords(
	tx: Store,
	records: readonly (RecordWrite & { dataJson?: string | null })[]
): Promise<void> {
	await insertRows(
		tx,
		UPSERT_HEAD,
		records.map((record) => {
			const params = recordParams(record);
			if (record.dataJson !== undefined) params[4] = record.dataJson;
			return params;
		}),
		UPSERT_TAIL
	);
}

/** Many new records in few statements (the demo seed): `rows` must not exist yet. */
export async function insertRecords(tx: Store, rows: readonly RecordWrite[]): Promise<void> {
	const COLUMNS = 9;
	// PostgreSQL allows 65535 parameters per statement, SQLite 32766: stay well below both.
	const BATCH = 500;
	for (let start = 0; start < rows.length; start += BATCH) {
		const batch = rows.slice(start, start + BATCH);
		const tuples = batch.map(
			(_, i) =>
				`(${Array.from({ length: COLUMNS }, (_, c) => `$${i * COLUMNS + c + 1}`).join(', ')})`
		);
		await tx.run(
			`INSERT INTO records
				(entity, id, rev, deleted, data, field_revs, location_id, updated_at, updated_by_device)
			VALUES ${tuples.join(', ')}`,
			batch.flatMap(recordParams)
		);
	}
}

function recordParams(record: RecordWrite): SqlValue[] {
	return [
		record.entity,
		record.id,
		record.rev,
		record.deleted,
		record.data === null || record.data === undefined ? null : JSON.stringify(record.data),
		JSON.stringify(record.fieldRevs),
		locationOf(record.entity, record.data),
		record.at,
		record.deviceId
	];
}

/** A record's data as a fresh object to read or change (null when it is none). */
export function asObject(data: unknown): Record<string, unknown> | null {
	return typeof data === 'object' && data !== null
		? { ...(data as Record<string, unknown>) }
		: null;
}
