import type { AuditLine } from '../../domain/auth';
import { insertRows } from '../db/bulk';
import type { Store } from '../db/store';

export interface AuditEntry {
	userId: string | null;
	deviceId: string | null;
	entity: string;
	entityId: string;
	action: AuditLine['action'];
	old?: unknown;
	new?: unknown;
	at: string;
}

/** Writes one audit line; call it on the `tx` that makes the change, so both commit or neither. */
export async function writeAudit(tx: Store, entry: AuditEntry): Promise<void> {
	await writeAudits(tx, [entry]);
}

/**
 * Many audit lines in few statements, in the order given (their ids follow it). `oldJson` and
 * `newJson` are `old` and `new` already as JSON, when the caller has them.
 */
export async function writeAudits(
	tx: Store,
	entries: readonly (AuditEntry & { oldJson?: string | null; newJson?: string | null })[]
): Promise<void> {
	await insertRows(
		tx,
		'INSERT INTO audit (at, user_id, device_id, entity, entity_id, action, old_data, new_data)',
		entries.map((entry) => [
			entry.at,
			entry.userId,
			entry.deviceId,
			entry.entity,
			entry.entityId,
			entry.action,
			entry.oldJson !== undefined ? entry.oldJson : toJson(entry.old),
			entry.newJson !== undefined ? entry.newJson : toJson(entry.new)
		])
	);
}

function toJson(data: unknown): string | null {
	return data === undefined || data === null ? null : JSON.stringify(data);
}

interface AuditRow {
	at: string;
	user_id: string | null;
	user_name: string | null;
	device_id: string | null;
	action: AuditLine['action'];
	old_data: string | null;
	new_data: string | null;
}

/** The history of one record, oldest first. */
export async function auditOf(
	store: Store,
	entity: string,
	entityId: string
): Promise<AuditLine[]> {
	const rows = await store.all<AuditRow>(
		`SELECT a.at, a.user_id, u.name AS user_name, a.device_id, a.action, a.old_data, a.new_data
		FROM audit a LEFT JOIN users u ON u.id = a.user_id
		WHERE a.entity = $1 AND a.entity_id = $2 ORDER BY a.id`,
		[entity, entityId]
	);
	return rows.map((row) => ({
		at: row.at,
		userId: row.user_id,
		userName: row.user_name,
		deviceId: row.device_id,
		action: row.action,
		old: row.old_data === null ? null : (JSON.parse(row.old_data) as unknown),
		new: row.new_data === null ? null : (JSON.parse(row.new_data) as unknown)
	}));
}
