import { randomUUID } from 'node:crypto';
import { decide, stampFields, type Decision } from '../../domain/sync/merge';
import type {
	Mutation,
	MutationResult,
	Outcome,
	PushRequest,
	PushResponse
} from '../../domain/sync/protocol';
import type { Actor } from '../../domain/auth';
import { writeAudit } from '../auth/audit';
import { refusal } from '../auth/permissions';
import { placesOf, type Places } from '../auth/scope';
import type { Store } from '../db/store';
import { ApiProblem } from '../http/problem';
import { getRecord, lockRevisions, nextRevisions, writeRecord, type StoredRecord } from './records';
import { checkRecord } from './validate';

/** Fields of a value that describe its latest write, taken along when a value's edit merges. */
const VALUE_WRITE_FIELDS = ['updatedAt', 'updatedBy'];

/**
 * Applies one device's push: each mutation in seq order, at most once.
 *
 * The whole push is ONE transaction. Every effect of a mutation (the record, its revision, a
 * conflict row), its line in mutation_log and the device's last_seq commit together, so a crash
 * or a lost connection either keeps all of it or none of it, and the device's retry (same seqs)
 * is answered from mutation_log instead of being applied twice. One transaction per push rather
 * than per mutation also means one commit (one fsync) and one wait for the revision lock per
 * push; the cost is that the lock is held while up to MAX_MUTATIONS_PER_PUSH (500) mutations are
 * checked, which is milliseconds. Invalid or conflicting mutations do not throw: they are answered
 * 'rejected' or 'conflict' and the push goes on, so one bad change never blocks a device's queue.
 * Only a database error rolls the push back, and then nothing of it is written.
 */
export async function applyPush(
	store: Store,
	request: PushRequest,
	actor: Actor,
	now: Date = new Date()
): Promise<PushResponse> {
	const at = now.toISOString();
	const { deviceId } = request;
	const mutations = [...request.mutations].sort((a, b) => a.seq - b.seq);
	return store.transaction(async (tx) => {
		await lockRevisions(tx);
		const device = await tx.get<{
			last_seq: number;
			user_id: string | null;
			revoked_at: string | null;
		}>('SELECT last_seq, user_id, revoked_at FROM devices WHERE device_id = $1', [deviceId]);
		checkDevice(device, actor);
		const places = await placesOf(tx, actor);
		const who = { actor, deviceId, places, at };
		let lastSeq = device?.last_seq ?? 0;
		const results: MutationResult[] = [];
		for (const mutation of mutations) {
			if (mutation.seq <= lastSeq) {
				results.push(await replay(tx, deviceId, mutation));
				continue;
			}
			const result = await applyMutation(tx, who, mutation);
			await tx.run(
				`INSERT INTO mutation_log (device_id, seq, mutation_id, outcome, rev, conflict_id, reason)
				VALUES ($1, $2, $3, $4, $5, $6, $7)`,
				[
					deviceId,
					mutation.seq,
					mutation.mutationId,
					result.outcome,
					result.rev ?? null,
					result.conflictId ?? null,
					result.reason ?? null
				]
			);
			results.push(result);
			lastSeq = mutation.seq;
		}
		// The first user to push from a device owns it (and a device from before accounts).
		await tx.run(
			`INSERT INTO devices (device_id, last_seq, first_seen, last_seen, user_id)
			VALUES ($1, $2, $3, $3, $4)
			ON CONFLICT (device_id) DO UPDATE SET last_seq = excluded.last_seq,
				last_seen = excluded.last_seen, user_id = coalesce(devices.user_id, excluded.user_id)`,
			[deviceId, lastSeq, at, actor.userId]
		);
		return { results, lastSeq };
	});
}

/**
 * A device id belongs to one user: another user pushing with it (a guessed or copied id) could
 * read that device's answers and advance its counter. A revoked device (a lost tablet) is refused
 * for everyone.
 */
function checkDevice(
	device: { user_id: string | null; revoked_at: string | null } | undefined,
	actor: Actor
): void {
	if (device?.revoked_at) {
		throw new ApiProblem(403, {
			error:
				'This device was signed out by an administrator and cannot sync. Ask an administrator for help.',
			field: 'deviceId'
		});
	}
	if (device?.user_id && device.user_id !== actor.userId) {
		throw new ApiProblem(403, {
			error: 'This device id belongs to another user: each user syncs with their own device id.',
			field: 'deviceId'
		});
	}
}

/** Who pushes: the user, their device and places, and the time of the push. */
interface Pusher {
	actor: Actor;
	deviceId: string;
	places: Places | null;
	at: string;
}

interface LogRow {
	mutation_id: string;
	outcome: Outcome;
	rev: number | null;
	conflict_id: string | null;
	reason: string | null;
}

/**
 * The answer to a seq this device already sent: applied or merged ones come back as 'duplicate'
 * with the revision they got; conflicts and rejections come back as they were first answered
 * (with the conflict id or the reason), since they were never applied.
 */
async function replay(tx: Store, deviceId: string, mutation: Mutation): Promise<MutationResult> {
	const log = await tx.get<LogRow>(
		`SELECT mutation_id, outcome, rev, conflict_id, reason FROM mutation_log
		WHERE device_id = $1 AND seq = $2`,
		[deviceId, mutation.seq]
	);
	const { seq } = mutation;
	if (!log || log.mutation_id !== mutation.mutationId) {
		return {
			seq,
			outcome: 'rejected',
			reason: `seq: ${seq} is at or below this device's last synced seq and is not the change sent with it`
		};
	}
	if (log.outcome === 'conflict') {
		return {
			seq,
			outcome: 'conflict',
			...(log.conflict_id ? { conflictId: log.conflict_id } : {})
		};
	}
	if (log.outcome === 'rejected') return { seq, outcome: 'rejected', reason: log.reason ?? '' };
	return { seq, outcome: 'duplicate', ...(log.rev !== null ? { rev: log.rev } : {}) };
}

async function applyMutation(tx: Store, who: Pusher, mutation: Mutation): Promise<MutationResult> {
	const { deviceId, at } = who;
	const { seq, entity, entityId } = mutation;
	const current = await getRecord(tx, entity, entityId);
	const refused = refusal(who.actor, { mutation, current, places: who.places });
	if (refused) return { seq, outcome: 'rejected', reason: refused };

	let incoming: Record<string, unknown> | undefined;
	let changed: string[];
	if (mutation.op === 'delete') {
		if (current?.deleted) return { seq, outcome: 'applied', rev: current.rev };
		// A delete touches every field: it conflicts with any other device's edit after its base.
		changed = [...Object.keys(current?.fieldRevs ?? {}), 'deleted'];
	} else {
		const checked = await checkRecord(tx, entity, entityId, mutation.data);
		if (!checked.ok) return { seq, outcome: 'rejected', reason: checked.reason };
		const unknown = mutation.changed.filter((field) => !(field in checked.data));
		if (unknown.length > 0) {
			return { seq, outcome: 'rejected', reason: `changed: no field ${unknown.join(', ')}` };
		}
		incoming = checked.data;
		// A put on a tombstone brings the record back: that changes `deleted` too.
		changed = current?.deleted ? [...mutation.changed, 'deleted'] : [...mutation.changed];
	}

	const decision = decide(current && { rev: current.rev, fieldRevs: current.fieldRevs }, {
		baseRev: mutation.baseRev,
		changed,
		deviceId
	});
	if (decision.kind === 'conflict') {
		return keepConflict(tx, deviceId, mutation, current, decision.fields, at);
	}

	let data: Record<string, unknown> | null;
	if (!incoming) {
		data = asObject(current?.data);
	} else if (decision.kind === 'merge' && current) {
		const fields =
			entity === 'value' ? [...decision.fields, ...VALUE_WRITE_FIELDS] : decision.fields;
		data = { ...asObject(current.data) };
		for (const field of fields) if (field in incoming) data[field] = incoming[field];
		// Two valid edits of different fields can still make an invalid record together (an
		// indicator's code from one, its area from the other): keep that for a person to decide.
		const merged = await checkRecord(tx, entity, entityId, { ...data, rev: 0, deleted: false });
		if (!merged.ok) return keepConflict(tx, deviceId, mutation, current, decision.fields, at);
	} else {
		data = incoming;
	}

	const deleted = mutation.op === 'delete';
	const rev = await nextRevisions(tx);
	// A value carries its revision and state inside the record too (IndicatorValueSchema).
	if (entity === 'value' && data) data = { ...data, rev, deleted };
	const stamped = stampFields(
		current?.fieldRevs ?? {},
		decision.kind === 'create' ? [...new Set([...Object.keys(data ?? {}), ...changed])] : changed,
		rev,
		deviceId
	);
	await writeRecord(tx, {
		entity,
		id: entityId,
		rev,
		deleted,
		data,
		fieldRevs: stamped,
		deviceId,
		at
	});
	await writeAudit(tx, {
		userId: who.actor.userId,
		deviceId,
		entity,
		entityId,
		action: deleted ? 'delete' : current && !current.deleted ? 'update' : 'create',
		old: current?.deleted ? null : current?.data,
		new: deleted ? null : data,
		at
	});
	return { seq, outcome: outcomeOf(decision), rev };
}

function outcomeOf(decision: Exclude<Decision, { kind: 'conflict' }>): Outcome {
	return decision.kind === 'merge' ? 'merged' : 'applied';
}

function asObject(data: unknown): Record<string, unknown> | null {
	return typeof data === 'object' && data !== null
		? { ...(data as Record<string, unknown>) }
		: null;
}

/** Keeps the mutation beside the record, with both versions, for a person to resolve. */
async function keepConflict(
	tx: Store,
	deviceId: string,
	mutation: Mutation,
	current: StoredRecord | undefined,
	fields: readonly string[],
	at: string
): Promise<MutationResult> {
	const conflictId = randomUUID();
	await tx.run(
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
	return { seq: mutation.seq, outcome: 'conflict', conflictId };
}
