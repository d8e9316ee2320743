import { resolutionProblem, parseConflict, type ConflictRecord } from '../../domain/sync/conflict';
import { decide, stampFields, type Decision } from '../../domain/sync/merge';
import type { Mutation, MutationResult, Outcome } from '../../domain/sync/protocol';
import type { Actor } from '../../domain/auth';
import { refusal } from '../auth/permissions';
import type { Places } from '../auth/scope';
import { keepConflict, markResolved } from './conflicts';
import { asObject } from './records';
import { CatalogueLookups, checkRecord, valueIdReason, valueMoveProblem } from './validate';
import type { PushWrites } from './writes';

// One mutation of a push (push.ts): checked, merged or set aside as a conflict, and written.

/** Fields of a value that describe its latest write, taken along when a value's edit merges. */
const VALUE_WRITE_FIELDS = ['updatedAt', 'updatedBy'];

/** Who pushes: the user, their device and places, and the time of the push. */
export interface Pusher {
	actor: Actor;
	deviceId: string;
	places: Places | null;
	at: string;
	/** The name the user gave this device, when the push says it (protocol.ts). */
	deviceName?: string;
}

/**
 * One mutation above the device's last seq: refused (with the reason), applied or merged (with
 * its revision, an audit line, and a conflict it resolves marked resolved), or set aside as a
 * conflict. Never throws for what the change says; a database error rolls the push back.
 */
export async function applyMutation(
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
