import { randomUUID } from 'node:crypto';
import {
	CONFLICT_FIELDS,
	parseConflict,
	resolutionProblem,
	type ConflictRecord,
	type ConflictSide
} from '../../domain/sync/conflict';
import { decide, stampFields, type Decision } from '../../domain/sync/merge';
import type {
	Mutation,
	MutationResult,
	Outcome,
	PushRequest,
	PushResponse
} from '../../domain/sync/protocol';
import type { Actor } from '../../domain/auth';
import { refusal } from '../auth/permissions';
import { placesOf, type Places } from '../auth/scope';
import type { Store } from '../db/store';
import { ApiProblem } from '../http/problem';
import { nameSides } from './authors';
import { lockRevisions, type StoredRecord } from './records';
import { CatalogueLookups, checkRecord, valueIdReason, valueMoveProblem } from './validate';
import { PushWrites, type LogRow } from './writes';

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
 * push; the cost is that the lock is held while up to MAX_MUTATIONS_PER_PUSH (1,000) mutations
 * are checked and written, which takes a fraction of a second. Inside it the writes are gathered
 * (PushWrites) and sent in bulk; the device's last_seq is written after them, in the same
 * transaction. Invalid or conflicting mutations do not throw: they are answered 'rejected' or
 * 'conflict' and the push goes on, so one bad change never blocks a device's queue. Only a
 * database error rolls the push back, and then nothing of it is written.
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
		const deviceName = request.deviceName || undefined;
		const who = { actor, deviceId, places, at, ...(deviceName ? { deviceName } : {}) };
		let lastSeq = device?.last_seq ?? 0;
		// A device only sends a seq again while it has not settled its answer: it sends in seq
		// order and drops what it settled. Every seq below this push's first is settled for good,
		// unless the device says it is still writing an earlier answer down (settledThrough): the
		// log lines of settled seqs can go, which keeps mutation_log as small as the devices'
		// queues; the others must stay, to answer a resend exactly as the first time.
		const firstSeq = mutations[0]?.seq;
		if (firstSeq !== undefined) {
			const through = Math.min(firstSeq - 1, request.settledThrough ?? firstSeq - 1);
			await tx.run('DELETE FROM mutation_log WHERE device_id = $1 AND seq <= $2', [
				deviceId,
				through
			]);
		}
		const answered = await loggedAnswers(tx, deviceId, firstSeq, lastSeq);
		const writes = new PushWrites(tx, deviceId);
		await writes.preload(mutations.filter((m) => m.seq > lastSeq && m.entity !== 'conflict'));
		const results: MutationResult[] = [];
		const lookups = new CatalogueLookups();
		/** The first seq answered `resend`: nothing after it in this push is applied (see below). */
		let resendFrom: number | undefined;
		for (const mutation of mutations) {
			if (mutation.seq <= lastSeq) {
				const result = replay(answered.get(mutation.seq), mutation, lastSeq);
				if (result.resend) resendFrom ??= mutation.seq;
				results.push(result);
				continue;
			}
			// The device sends the refused seq again under a new number, after this one: applying
			// this one now would put a later edit of a record before an earlier one.
			if (resendFrom !== undefined) {
				results.push(heldBack(mutation.seq, resendFrom));
				continue;
			}
			// A value's checks read the catalogue, which only other kinds of change write; those
			// (and resolutions, which read conflicts) see, and leave, everything written.
			const plain = mutation.entity === 'value' && !mutation.resolves;
			if (!plain) await writes.flush();
			const result = await applyMutation(writes, who, mutation, lookups);
			if (!plain) await writes.flush();
			const row: LogRow = {
				mutation_id: mutation.mutationId,
				outcome: result.outcome,
				rev: result.rev ?? null,
				conflict_id: result.conflictId ?? null,
				reason: result.reason ?? null
			};
			writes.log(mutation.seq, row);
			answered.set(mutation.seq, row);
			results.push(result);
			lastSeq = mutation.seq;
		}
		await writes.flush();
		// The first user to push from a device owns it (and a device from before accounts).
		await tx.run(
			`INSERT INTO devices (device_id, last_seq, first_seen, last_seen, user_id, device_name)
			VALUES ($1, $2, $3, $3, $4, $5)
			ON CONFLICT (device_id) DO UPDATE SET last_seq = excluded.last_seq,
				last_seen = excluded.last_seen, user_id = coalesce(devices.user_id, excluded.user_id),
				device_name = coalesce(excluded.device_name, devices.device_name)`,
			[deviceId, lastSeq, at, actor.userId, deviceName ?? null]
		);
		// A device that says what it has settled learns that the rest is kept (see protocol.ts).
		return request.settledThrough === undefined
			? { results, lastSeq }
			: { results, lastSeq, keepsUnsettled: true };
	});
}

/** The logged answers to this device's seqs from `from` to `through`, by seq (one query). */
async function loggedAnswers(
	tx: Store,
	deviceId: string,
	from: number | undefined,
	through: number
): Promise<Map<number, LogRow>> {
	if (from === undefined || from > through) return new Map();
	const rows = await tx.all<LogRow & { seq: number }>(
		`SELECT seq, mutation_id, outcome, rev, conflict_id, reason FROM mutation_log
		WHERE device_id = $1 AND seq >= $2 AND seq <= $3`,
		[deviceId, from, through]
	);
	return new Map(rows.map(({ seq, ...row }) => [seq, row]));
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
	/** The name the user gave this device, when the push says it (protocol.ts). */
	deviceName?: string;
}

/**
 * The answer to a seq this device already sent: applied or merged ones come back as 'duplicate'
 * with the revision they got; conflicts and rejections come back as they were first answered
 * (with the conflict id or the reason), since they were never applied.
 */
function replay(log: LogRow | undefined, mutation: Mutation, lastSeq: number): MutationResult {
	const { seq } = mutation;
	// No line: this server never received this seq, or the device said it had settled it (the
	// line was trimmed) and so will never send it again. Either way the server cannot say it has
	// this change: calling it a duplicate would let the device drop a change never applied (a
	// counter that went backwards, or one a bogus push moved ahead). A stale retry arriving
	// late gets the same refusal, which its device no longer waits for.
	// The device keeps such a change and sends it again under a seq above lastSeq (`resend`).
	if (!log) {
		return {
			seq,
			outcome: 'rejected',
			resend: true,
			reason:
				`seq: ${seq} is at or below this device's last synced seq ${lastSeq} and this server ` +
				'has no record of it: the change was not applied'
		};
	}
	if (log.mutation_id !== mutation.mutationId) {
		return {
			seq,
			outcome: 'rejected',
			resend: true,
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

/** A new seq that follows one the device must send again: not applied, sent again after it. */
function heldBack(seq: number, resendFrom: number): MutationResult {
	return {
		seq,
		outcome: 'rejected',
		resend: true,
		reason: `seq: ${seq} was not applied: it comes after seq ${resendFrom}, which must be sent again first`
	};
}

async function applyMutation(
	writes: PushWrites,
	who: Pusher,
	sent: Mutation,
	lookups: CatalogueLookups
): Promise<MutationResult> {
	const { deviceId, at } = who;
	const mutation = authoredBy(sent, who.actor);
	const { tx } = writes;
	const { seq, entity, entityId } = mutation;
	// A change to the catalogue (even one that ends up rejected) invalidates what was looked up.
	if (entity !== 'value') lookups.clear();
	if (entity === 'conflict') {
		return {
			seq,
			outcome: 'rejected',
			reason: 'entity: a conflict is resolved by a value change carrying resolves, not pushed'
		};
	}
	let resolving: ConflictRecord | undefined;
	if (mutation.resolves) {
		if (entity !== 'value' || mutation.op !== 'put') {
			return { seq, outcome: 'rejected', reason: 'resolves: only a value put can resolve' };
		}
		const stored = await writes.current('conflict', mutation.resolves.conflictId);
		const parsed = stored ? parseConflict(stored.data) : undefined;
		const conflict = parsed?.ok ? parsed.value : undefined;
		const problem = resolutionProblem(conflict, {
			entityId,
			conflictId: mutation.resolves.conflictId
		});
		if (problem) return { seq, outcome: 'rejected', reason: problem };
		resolving = conflict;
	}
	const current = await writes.current(entity, entityId);
	const refused = refusal(who.actor, { mutation, current, places: who.places });
	if (refused) return { seq, outcome: 'rejected', reason: refused };
	// PostgreSQL cannot store NUL in text or jsonb; no field has a use for it.
	if (hasNul(mutation.data)) {
		return { seq, outcome: 'rejected', reason: 'data: text must not contain the NUL character' };
	}

	let incoming: Record<string, unknown> | undefined;
	let changed: string[];
	if (mutation.op === 'delete') {
		if (current?.deleted) return { seq, outcome: 'applied', rev: current.rev };
		// A delete touches every field: it conflicts with any other device's edit after its base.
		changed = [...Object.keys(current?.fieldRevs ?? {}), 'deleted'];
	} else {
		const checked = await checkRecord(tx, entity, entityId, mutation.data, lookups);
		if (!checked.ok) return { seq, outcome: 'rejected', reason: checked.reason };
		const unknown = mutation.changed.filter((field) => !(field in checked.data));
		if (unknown.length > 0) {
			return { seq, outcome: 'rejected', reason: `changed: no field ${unknown.join(', ')}` };
		}
		incoming = checked.data;
		const moved =
			entity === 'value'
				? (valueMoveProblem(current?.data, incoming) ?? valueIdReason(incoming))
				: undefined;
		if (moved) return { seq, outcome: 'rejected', reason: moved };
		// A put on a tombstone brings the record back: that changes `deleted` too.
		changed = current?.deleted ? [...mutation.changed, 'deleted'] : [...mutation.changed];
	}

	const decision = decide(current && { rev: current.rev, fieldRevs: current.fieldRevs }, {
		baseRev: mutation.baseRev,
		changed,
		deviceId
	});
	if (decision.kind === 'conflict') {
		// A resolution made on a copy that has moved on since (a third edit arrived): the chosen
		// version is set aside as a new conflict for review, and the old one counts as settled.
		const kept = await keepConflict(writes, who, mutation, current, decision.fields);
		if (resolving) await markResolved(writes, resolving, mutation, deviceId, null, at);
		return kept;
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
		const merged = await checkRecord(
			tx,
			entity,
			entityId,
			{ ...data, rev: 0, deleted: false },
			lookups
		);
		if (!merged.ok) {
			const kept = await keepConflict(writes, who, mutation, current, decision.fields);
			if (resolving) await markResolved(writes, resolving, mutation, deviceId, null, at);
			return kept;
		}
	} else {
		data = incoming;
	}

	const deleted = mutation.op === 'delete';
	const rev = await writes.nextRev();
	// A value carries its revision and state inside the record too (IndicatorValueSchema).
	if (entity === 'value' && data) data = { ...data, rev, deleted };
	const stamped = stampFields(
		current?.fieldRevs ?? {},
		decision.kind === 'create' ? [...new Set([...Object.keys(data ?? {}), ...changed])] : changed,
		rev,
		deviceId
	);
	const dataJson = writes.record({
		entity,
		id: entityId,
		rev,
		deleted,
		data,
		fieldRevs: stamped,
		deviceId,
		at
	});
	if (resolving) await markResolved(writes, resolving, mutation, deviceId, rev, at);
	writes.audit({
		userId: who.actor.userId,
		deviceId,
		entity,
		entityId,
		action: deleted ? 'delete' : current && !current.deleted ? 'update' : 'create',
		// The JSON read from the table when there is one: no need to parse and encode it again.
		...(current && !current.deleted && current.dataJson !== undefined
			? { oldJson: current.dataJson }
			: { old: current?.deleted ? null : current?.data }),
		new: deleted ? null : data,
		newJson: deleted ? null : dataJson,
		at
	});
	return { seq, outcome: outcomeOf(decision), rev };
}

function outcomeOf(decision: Exclude<Decision, { kind: 'conflict' }>): Outcome {
	return decision.kind === 'merge' ? 'merged' : 'applied';
}

/** Whether any text in `data` (a key or a string, at any depth) holds the NUL character. */
function hasNul(data: unknown): boolean {
	if (typeof data === 'string') return data.includes('\0');
	if (typeof data !== 'object' || data === null) return false;
	const object = data as Record<string, unknown>;
	for (const key in object) {
		if (key.includes('\0') || hasNul(object[key])) return true;
	}
	return false;
}

function asObject(data: unknown): Record<string, unknown> | null {
	return typeof data === 'object' && data !== null
		? { ...(data as Record<string, unknown>) }
		: null;
}

/**
 * The mutation as its author made it, said by the server: a value's `updatedBy` is the user id
 * of the session that pushed it, whatever the device wrote there (a username, another person).
 */
function authoredBy(mutation: Mutation, actor: Actor): Mutation {
	if (mutation.entity !== 'value' || mutation.op !== 'put') return mutation;
	const data = asObject(mutation.data);
	if (!data || data.updatedBy === actor.userId) return mutation;
	return { ...mutation, data: { ...data, updatedBy: actor.userId } };
}

/** Keeps the mutation beside the record, with both versions, for a person to resolve. */
async function keepConflict(
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
async function markResolved(
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
