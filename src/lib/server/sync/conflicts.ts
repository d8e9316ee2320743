import { randomUUID } from 'node:crypto';
import {
	CONFLICT_FIELDS,
	type ConflictRecord,
	type ConflictSide
} from '../../domain/sync/conflict';
import { isLanguage } from '../../domain/languages';
import type { Mutation, MutationResult } from '../../domain/sync/protocol';
import type { Pusher } from './apply-mutation';
import { nameSides } from './authors';
import { asObject, type StoredRecord } from './records';
import type { PushWrites } from './writes';

// Conflicts a push sets aside (keepConflict) or settles (markResolved): the server's table row
// and the record devices pull, written in the push's transaction.

/** Keeps the mutation beside the record, with both versions, for a person to resolve. */
export async function keepConflict(
	writes: PushWrites,
	who: Pusher,
	mutation: Mutation,
	current: StoredRecord | undefined,
	fields: readonly string[]
): Promise<MutationResult> {
	const { deviceId, at } = who;
	const conflictId = randomUUID();
	await writes.tx.run(
		`INSERT INTO conflicts
			(id, entity, entity_id, base_rev, server_rev, fields, yours, theirs, device_id, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
		[
			conflictId,
			mutation.entity,
			mutation.entityId,
			mutation.baseRev,
			current?.rev ?? 0,
			JSON.stringify(fields),
			mutation.data === undefined ? null : JSON.stringify(mutation.data),
			current?.data === undefined || current.data === null ? null : JSON.stringify(current.data),
			deviceId,
			at
		]
	);
	const record = conflictRecord(conflictId, deviceId, mutation, current, fields, at);
	if (record) {
		const named = await nameSides(writes.tx, record, who);
		await writeConflictRecord(writes, named, deviceId, at);
	}
	return { seq: mutation.seq, outcome: 'conflict', conflictId };
}

function side(data: unknown, deviceId: string, rev: number): ConflictSide {
	const d = asObject(data) ?? {};
	return {
		value: typeof d.value === 'number' ? d.value : null,
		comment: typeof d.comment === 'string' ? d.comment : '',
		...(isLanguage(d.commentLang) ? { commentLang: d.commentLang } : {}),
		by: typeof d.updatedBy === 'string' ? d.updatedBy : '',
		at: typeof d.updatedAt === 'string' ? d.updatedAt : '',
		deviceId,
		rev
	};
}

/**
 * The conflict as devices receive it. Only value conflicts travel: they are what caseworkers
 * clash on in the field. Catalogue conflicts (coordinators editing one indicator twice) stay in
 * the conflicts table for now, their devices marked 'conflict' as before.
 */
function conflictRecord(
	id: string,
	deviceId: string,
	mutation: Mutation,
	current: StoredRecord | undefined,
	fields: readonly string[],
	at: string
): ConflictRecord | undefined {
	if (mutation.entity !== 'value' || mutation.op !== 'put' || !current?.data) return undefined;
	const yours = asObject(mutation.data) ?? {};
	const text = (key: string) => (typeof yours[key] === 'string' ? (yours[key] as string) : '');
	const keptBy = current.fieldRevs[fields[0] ?? 'value']?.deviceId ?? '';
	return {
		id,
		entity: 'value',
		entityId: mutation.entityId,
		indicatorId: text('indicatorId'),
		locationId: text('locationId'),
		period: text('period'),
		cell: text('cell'),
		fields: CONFLICT_FIELDS.filter((f) => fields.includes(f)),
		yours: side(mutation.data, deviceId, mutation.baseRev),
		theirs: side(current.data, keptBy, current.rev),
		createdAt: at,
		resolvedAt: null,
		resolvedBy: null,
		resolution: null,
		resolvedValue: null
	};
}

/** A conflict record at a new revision, so every device that may see it pulls its new state. */
async function writeConflictRecord(
	writes: PushWrites,
	record: ConflictRecord,
	deviceId: string,
	at: string
): Promise<void> {
	const rev = await writes.nextRev();
	writes.record({
		entity: 'conflict',
		id: record.id,
		rev,
		deleted: false,
		data: record,
		fieldRevs: {},
		deviceId,
		at
	});
}

/**
 * Settles a conflict in the push's transaction, together with the value that carries the
 * choice: the table row (the server's account) and the record devices pull. `valueRev` is the
 * value's new revision, or null when the chosen version was itself set aside as a new conflict.
 */
export async function markResolved(
	writes: PushWrites,
	conflict: ConflictRecord,
	mutation: Mutation,
	deviceId: string,
	valueRev: number | null,
	at: string
): Promise<void> {
	const data = asObject(mutation.data) ?? {};
	const by = typeof data.updatedBy === 'string' ? data.updatedBy : deviceId;
	const choice = mutation.resolves!.choice;
	await writes.tx.run(
		`UPDATE conflicts SET resolved_at = $2, resolution = $3, resolved_by = $4,
			resolved_device = $5, resolved_rev = $6
		WHERE id = $1`,
		[conflict.id, at, choice, by, deviceId, valueRev]
	);
	await writeConflictRecord(
		writes,
		{
			...conflict,
			resolvedAt: at,
			resolvedBy: by,
			resolution: choice,
			resolvedValue: typeof data.value === 'number' ? data.value : null
		},
		deviceId,
		at
	);
}
