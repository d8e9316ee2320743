import type {
	Mutation,
	MutationResult,
	PushRequest,
	PushResponse
} from '../../domain/sync/protocol';
import type { Actor } from '../../domain/auth';
import type { LostMode } from '../../domain/devices';
import { bindSession } from '../auth/devices';
import { placesOf } from '../auth/scope';
import type { Store } from '../db/store';
import { ApiProblem } from '../http/problem';
import { applyMutation } from './apply-mutation';
import { lockRevisions } from './records';
import { CatalogueLookups } from './validate';
import { PushWrites, type LogRow } from './writes';

// A device's push: its seqs in order, each applied once (apply-mutation.ts) or answered again
// from the log (replay). Conflicts set aside on the way: conflicts.ts.

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
	const pushed = await pushFrom(store, request, actor, now);
	if (!pushed.response) throw new ApiProblem(410, { error: 'This device was marked lost.' });
	return pushed.response;
}

export interface PushOutcome {
	/** The answer; undefined when the device is lost 'wipe-now' and nothing was applied. */
	response?: PushResponse;
	/** How the device was marked lost, if it was (auth/devices.ts decides what it is told). */
	lost: LostMode | null;
}

/**
 * `applyPush` as the HTTP side needs it: the session is tied to the device it pushes as, the
 * browser kept for the device list, and a device marked lost is answered in the same
 * transaction that reads it (no cache): 'wipe-now' has nothing applied, 'push-first' is applied.
 */
export async function pushFrom(
	store: Store,
	request: PushRequest,
	actor: Actor,
	now: Date = new Date(),
	from: { sessionId?: string; userAgent?: string | null } = {}
): Promise<PushOutcome> {
	const at = now.toISOString();
	const { deviceId } = request;
	const userAgent = from.userAgent ?? null;
	const mutations = [...request.mutations].sort((a, b) => a.seq - b.seq);
	return store.transaction(async (tx): Promise<PushOutcome> => {
		await lockRevisions(tx);
		await bindSession(tx, from.sessionId, deviceId);
		const device = await tx.get<{
			last_seq: number;
			user_id: string | null;
			revoked_at: string | null;
			lost_mode: LostMode | null;
		}>('SELECT last_seq, user_id, revoked_at, lost_mode FROM devices WHERE device_id = $1', [
			deviceId
		]);
		checkDevice(device, actor);
		const lost = device?.lost_mode ?? null;
		if (lost === 'wipe-now') return { lost };
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
			`INSERT INTO devices (device_id, last_seq, first_seen, last_seen, user_id, device_name,
				pending_reported, user_agent)
			VALUES ($1, $2, $3, $3, $4, $5, $6, $7)
			ON CONFLICT (device_id) DO UPDATE SET last_seq = excluded.last_seq,
				last_seen = excluded.last_seen, user_id = coalesce(devices.user_id, excluded.user_id),
				device_name = coalesce(excluded.device_name, devices.device_name),
				pending_reported = coalesce(excluded.pending_reported, devices.pending_reported),
				user_agent = coalesce(excluded.user_agent, devices.user_agent)`,
			[
				deviceId,
				lastSeq,
				at,
				actor.userId,
				deviceName ?? null,
				pendingAfter(request),
				userAgent?.slice(0, 300) ?? null
			]
		);
		// A device that says what it has settled learns that the rest is kept (see protocol.ts).
		const response: PushResponse =
			request.settledThrough === undefined
				? { results, lastSeq }
				: { results, lastSeq, keepsUnsettled: true };
		return { response, lost };
	});
}

/**
 * What the device still holds once this push is in: it counts this push's changes in `pending`
 * (protocol.ts). Null when it does not say (an older app).
 */
export function pendingAfter(request: PushRequest): number | null {
	if (request.pending === undefined) return null;
	return Math.max(0, request.pending - request.mutations.length);
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
