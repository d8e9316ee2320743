import type { MappingAnswer } from '../../domain/exchange/api';
import {
	DHIS2_MAPPING_ID,
	emptyMapping,
	type ExchangeMapping
} from '../../domain/exchange/mapping';
import { writeAudit } from '../auth/audit';
import type { Store } from '../db/store';

/** SQL for exchange_mappings (migration 009); every statement on the store or tx it is given. */

interface Row {
	data: string;
	version: number;
	updated_at: string;
	updated_by: string | null;
	user_name: string | null;
}

/** The audit trail's name for these records (GET /api/audit's entity pattern: a-z and dashes). */
export const AUDIT_ENTITY = 'exchange-mapping';

export async function readMapping(store: Store): Promise<MappingAnswer> {
	const row = await store.get<Row>(
		`SELECT m.data, m.version, m.updated_at, m.updated_by, u.name AS user_name
		FROM exchange_mappings m LEFT JOIN users u ON u.id = m.updated_by WHERE m.id = $1`,
		[DHIS2_MAPPING_ID]
	);
	if (!row) return { mapping: emptyMapping(), version: 0, updatedAt: null, updatedBy: null };
	return {
		mapping: JSON.parse(row.data) as ExchangeMapping,
		version: row.version,
		updatedAt: row.updated_at,
		updatedBy: row.user_name ?? row.updated_by
	};
}

export type SaveOutcome =
	{ ok: true; answer: MappingAnswer } | { ok: false; current: MappingAnswer };

/**
 * Stores a checked mapping if it was edited from the version now stored, with its audit line
 * (old → new) in the same transaction; otherwise changes nothing and returns what is stored.
 */
export async function saveMapping(
	store: Store,
	mapping: ExchangeMapping,
	baseVersion: number,
	by: { userId: string; deviceId: string | null; at: string }
): Promise<SaveOutcome> {
	return store.transaction(async (tx) => {
		// On PostgreSQL two saves may race past the version check; the row lock of this update
		// (or the primary key, for the first save) makes the second one wait and then fail it.
		const current = await readMapping(tx);
		if (current.version !== baseVersion) return { ok: false, current };
		const version = baseVersion + 1;
		const data = JSON.stringify(mapping);
		const changed =
			baseVersion === 0
				? await tx.run(
						`INSERT INTO exchange_mappings (id, data, version, updated_at, updated_by)
						VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING`,
						[DHIS2_MAPPING_ID, data, version, by.at, by.userId]
					)
				: await tx.run(
						`UPDATE exchange_mappings SET data = $2, version = $3, updated_at = $4, updated_by = $5
						WHERE id = $1 AND version = $6`,
						[DHIS2_MAPPING_ID, data, version, by.at, by.userId, baseVersion]
					);
		if (changed.changes !== 1) return { ok: false, current: await readMapping(tx) };
		await writeAudit(tx, {
			userId: by.userId,
			deviceId: by.deviceId,
			entity: AUDIT_ENTITY,
			entityId: DHIS2_MAPPING_ID,
			action: baseVersion === 0 ? 'create' : 'update',
			old: baseVersion === 0 ? null : current.mapping,
			new: mapping,
			at: by.at
		});
		return { ok: true, answer: await readMapping(tx) };
	});
}
