import { valueId } from '../../../domain/value-id';
import { writeAudits, type AuditEntry } from '../../auth/audit';
import { nextRevisions, upsertRecords, type RecordWrite } from '../../sync/records';
import type { Store } from '../store';
import type { Migration } from './index';

/** Who the migration's audit lines and record writes name. */
const BY = 'migration-005';

interface Row {
	id: string;
	data: string | null;
	field_revs: string;
	updated_at: string;
}

/**
 * Values stored under an id their cell does not derive (value-id.ts): a server before this fix
 * took any id, so a made-up one could make a second live value for a cell. For each such value:
 * - when the cell's own record (the derived id) is live, that one stays the cell's value and the
 *   made-up one is deleted, its data kept in the audit line of the delete and in a conflicts row
 *   (yours: the made-up copy, theirs: the kept one) for a coordinator to look at;
 * - when it is not, the value moves to the derived id (its data as it was, at a new revision)
 *   and the made-up id is deleted, both with audit lines.
 * Each write takes a new revision, so every device pulls the delete and drops the rival copy.
 * Nothing in the schema changes; it runs in the migration's transaction.
 */
async function mergeRivalValues(tx: Store): Promise<void> {
	const rows = await tx.all<Row>(
		`SELECT id, data, field_revs, updated_at FROM records WHERE entity = 'value' AND deleted = $1`,
		[false]
	);
	const byId = new Map(rows.map((row) => [row.id, row]));
	const at = new Date().toISOString();
	const writes: RecordWrite[] = [];
	const audits: AuditEntry[] = [];
	for (const row of rows) {
		const data = row.data === null ? null : (JSON.parse(row.data) as Record<string, unknown>);
		if (!data) continue;
		const part = (key: string) => String(data[key]);
		const derived = valueId(part('indicatorId'), part('locationId'), part('period'), part('cell'));
		if (derived === row.id) continue;
		const kept = byId.get(derived);
		const deletes = { entity: 'value', id: row.id, deleted: true, data: null } as const;
		writes.push({ ...deletes, rev: 0, fieldRevs: {}, deviceId: BY, at });
		audits.push({ ...who(row.id, 'delete'), old: data, new: null, at });
		if (kept) {
			await tx.run(
				`INSERT INTO conflicts
					(id, entity, entity_id, base_rev, server_rev, fields, yours, theirs, device_id, created_at)
				VALUES ($1, 'value', $2, 0, 0, $3, $4, $5, $6, $7)`,
				[`${BY}-${row.id}`, derived, '["value","comment"]', row.data, kept.data, BY, at]
			);
		} else {
			const moved = { ...data, id: derived };
			writes.push({
				entity: 'value',
				id: derived,
				rev: 0,
				deleted: false,
				data: moved,
				fieldRevs: JSON.parse(row.field_revs) as RecordWrite['fieldRevs'],
				deviceId: BY,
				at
			});
			audits.push({ ...who(derived, 'create'), old: null, new: moved, at });
			byId.set(derived, { ...row, id: derived });
		}
	}
	if (writes.length === 0) return;
	const first = await nextRevisions(tx, writes.length);
	const numbered = writes.map((write, i) => {
		const rev = first + i;
		const data = write.data ? { ...(write.data as object), rev } : null;
		return { ...write, rev, data };
	});
	await upsertRecords(tx, numbered);
	await writeAudits(tx, audits);
}

function who(entityId: string, action: AuditEntry['action']) {
	return { userId: null, deviceId: BY, entity: 'value', entityId, action };
}

export const m005ValueIds: Migration = {
	id: 5,
	name: 'value-ids',
	sqlite: '',
	postgres: '',
	run: mergeRivalValues
};
