import type { EntityTable, Table } from 'dexie';
import type { FieldProblem, Parsed } from '$lib/domain/indicators';
import type { EntityKind, SyncState, YolDatabase } from './database';
import { StorageFullError, isQuotaError } from './errors';

/**
 * One save on this device, for every record a form edits (indicators, places, organisations,
 * measures, notes, meetings): the record, its outbox entry and its history line are written in
 * ONE transaction with the checks that read the local data. Otherwise another tab could take the
 * same code between check and write, or a full disk could keep the record without its outbox
 * entry, and the change the screen shows would never reach the server.
 */

/**
 * A problem with one field. `message` is English, for logs and for problems the screen has no
 * translation of; `key` and `params` are for the screen (under the form's own namespace).
 */
export interface SaveProblem extends FieldProblem {
	key?: string;
	params?: Record<string, string | number>;
}

export type SaveResult<T> =
	{ ok: true; record: T; changed: boolean } | { ok: false; problems: SaveProblem[] };

/** What the checks found: problems, or the record as the schema returned it (unknown keys dropped). */
export type Checked<T, L> =
	| { problems: SaveProblem[]; value?: undefined; existing?: undefined }
	| { problems: []; value: T; existing: L | undefined };

/** The device's own bookkeeping on a stored record, which is not the record's content. */
interface Bookkeeping {
	rev?: number;
	syncState?: SyncState;
	rejectReason?: string;
}

/** Drops the device's bookkeeping, so a form can pass a stored record back in. */
export function content<T>(input: T): T {
	const { rev: _rev, syncState: _state, rejectReason: _reason, ...rest } = input as T & Bookkeeping;
	return rest as T;
}

/** Key order differs between seeded and parsed records; compare content, not layout. */
function stable(value: unknown): string {
	return JSON.stringify(value, (_key, v: unknown) =>
		v && typeof v === 'object' && !Array.isArray(v)
			? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
			: v
	);
}

function changedFields<T extends object>(before: T, after: T): string[] {
	return (Object.keys(after) as (keyof T)[])
		.filter((k) => stable(before[k]) !== stable(after[k]))
		.map(String);
}

/**
 * Checks and writes one record. `check` runs inside the transaction (so it may read `table`);
 * an edit that changes nothing writes nothing and says `changed: false`.
 */
export async function saveLocally<T extends { id: string }, L extends T & { rev: number }>(
	db: YolDatabase,
	entity: Exclude<EntityKind, 'value'>,
	table: Table,
	check: () => Promise<Checked<T, L>>,
	by: string,
	now: Date
): Promise<SaveResult<L>> {
	try {
		return await db.transaction('rw', table, db.outbox, db.history, async () => {
			const checked = await check();
			if (checked.value === undefined) return { ok: false, problems: checked.problems };
			const { value, existing } = checked;
			const fields = existing ? changedFields<T>(content(existing), value) : [];
			if (existing && fields.length === 0) return { ok: true, record: existing, changed: false };
			// rev stays the last revision the server confirmed: the base of this edit.
			const record = { ...value, rev: existing?.rev ?? 0, syncState: 'local' } as unknown as L;
			await table.put(record);
			const at = now.toISOString();
			await db.outbox.add({
				mutationId: crypto.randomUUID(),
				entity,
				entityId: record.id,
				op: 'put',
				baseRev: record.rev,
				changed: existing ? fields : Object.keys(value),
				data: value,
				createdAt: at
			});
			await db.history.add({
				entity,
				entityId: record.id,
				at,
				by,
				from: null,
				to: null,
				comment: existing ? `changed ${fields.join(', ')}` : 'created',
				source: 'this_device'
			});
			return { ok: true, record, changed: true };
		});
	} catch (error) {
		if (isQuotaError(error)) throw new StorageFullError(error);
		throw error;
	}
}

/** A record the schema alone checks: parsed first, then saved against what the device holds. */
export function saveParsed<T extends { id: string }, L extends T & { rev: number }>(
	db: YolDatabase,
	entity: Exclude<EntityKind, 'value'>,
	table: EntityTable<L, 'id'>,
	parsed: Parsed<T>,
	by: string,
	now: Date
): Promise<SaveResult<L>> {
	return saveLocally<T, L>(
		db,
		entity,
		table,
		async () =>
			parsed.ok
				? {
						problems: [],
						value: parsed.value,
						existing: await table.where('id').equals(parsed.value.id).first()
					}
				: { problems: parsed.problems },
		by,
		now
	);
}
