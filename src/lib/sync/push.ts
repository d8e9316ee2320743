import { isOpen } from '$lib/domain/sync/conflict';
import {
	CLIENT_SCHEMA_VERSION,
	MAX_MUTATIONS_PER_PUSH,
	PROTOCOL_VERSION,
	type Mutation,
	type MutationResult,
	type PushRequest,
	type PushResponse
} from '$lib/domain/sync/protocol';
import type { EntityKind, LocalValue, OutboxEntry, YolDatabase } from '$lib/db/database';
import { deviceName } from '$lib/db/device';
import {
	ACKED_PREFIX,
	AWAITED_CONFLICT_PREFIX,
	MARK_PREFIX,
	SHADOW_PREFIX,
	adoptShadow,
	emptySummary,
	openConflicts,
	pendingFor,
	shadowKey,
	syncTables,
	tableOf,
	type SyncRow,
	type SyncSummary
} from './records';
import { SyncHttpError, type SyncTransport } from './transport';

// The push half of the sync engine (see engine.ts): this device's outbox to the server, and what
// each answer means for the records. Loaded only on a round that has something to send or settle.

function toMutation(entry: OutboxEntry): Mutation {
	return {
		seq: entry.seq!,
		mutationId: entry.mutationId,
		entity: entry.entity,
		entityId: entry.entityId,
		op: entry.op,
		baseRev: entry.baseRev,
		changed: entry.changed,
		data: entry.data,
		...(entry.resolves ? { resolves: entry.resolves } : {})
	};
}

export async function applyResult(
	db: YolDatabase,
	entry: OutboxEntry,
	result: MutationResult
): Promise<void> {
	await db.outbox.delete(entry.seq!);
	const table = tableOf(db, entry.entity);
	const laterPending = (await pendingFor(db, entry.entity, entry.entityId)) > 0;
	const record = await table.get(entry.entityId);
	if (entry.resolves) await settleResolution(db, entry, result);
	// Nothing waits for this value any more: a later edit starts from 'local' (see markKey).
	if (entry.entity === 'value' && !laterPending) await db.meta.delete(markKey(entry.entityId));

	if (result.outcome === 'conflict' || result.outcome === 'rejected') {
		if (record) {
			const marked: SyncRow = { ...record, syncState: result.outcome };
			if (result.outcome === 'rejected') marked.rejectReason = result.reason ?? '';
			else delete marked.rejectReason;
			await table.put(marked);
			if (entry.entity === 'value' && laterPending) {
				await db.meta.put({ key: markKey(entry.entityId), value: result.outcome });
			}
			if (entry.entity === 'value' && result.outcome === 'conflict') {
				const key = `${AWAITED_CONFLICT_PREFIX}${entry.entityId}`;
				await db.meta.put({ key, value: result.conflictId ?? '' });
			}
		}
		// The server kept its own copy: show it (with the marker) if one was pulled meanwhile.
		if (!laterPending) await adoptShadow(db, entry.entity, entry.entityId);
		return;
	}

	// applied, merged, duplicate: the server has this change.
	if (laterPending) return; // the record shows later edits still on their way: stays 'local'
	await db.meta.delete(shadowKey(entry.entity, entry.entityId)); // older than what we sent
	if (!record) return;
	if (entry.op === 'delete') {
		await table.delete(entry.entityId);
		return;
	}
	// Only 'applied' leaves the server's record equal to this device's copy. After a merge (or
	// a duplicate, which may have been one) the server holds fields this device has not seen:
	// the record keeps its old rev, so an edit made before the pull brings them stays a field
	// merge; the pull that follows every push brings the server's copy at its new rev.
	const rev = result.outcome === 'applied' && result.rev !== undefined ? result.rev : record.rev;
	// A later edit does not settle an open conflict about this value (a person still has to
	// choose): the cell keeps saying so, as it does on every other device that holds the conflict.
	const open = entry.entity === 'value' && (await openConflicts(db, entry.entityId, '')) > 0;
	const synced: SyncRow = { ...record, rev, syncState: open ? 'conflict' : 'synced' };
	delete synced.rejectReason;
	await table.put(synced);
}

/**
 * What the server's answer means for the conflict a resolution was about. Taken (applied, merged,
 * a duplicate of an earlier answer, or set aside anew because the value moved on): the conflict is
 * resolved here at once; the pull that follows brings the server's account of it. Refused
 * (resolved elsewhere first): the choice made here is dropped from the conflict, and the refusal
 * is kept on it and on the value, in words, so the person sees their choice did not count.
 */
export async function settleResolution(
	db: YolDatabase,
	entry: OutboxEntry,
	result: MutationResult
): Promise<void> {
	const conflict = await db.conflicts.get(entry.resolves!.conflictId);
	if (!conflict) return;
	const { pending, ...rest } = conflict;
	if (result.outcome === 'rejected') {
		await db.conflicts.put({ ...rest, refused: result.reason ?? '' });
		return;
	}
	if (!isOpen(conflict)) return;
	await db.conflicts.put({
		...rest,
		resolvedAt: pending?.at ?? entry.createdAt,
		resolvedBy: pending?.by ?? null,
		resolution: entry.resolves!.choice,
		resolvedValue: pending?.value ?? null
	});
}

export const ACKNOWLEDGED: ReadonlySet<string> = new Set(['applied', 'merged', 'duplicate']);

/** One acknowledged value edit: its id, and the revision the server gave it (null: keep). */
export type AckedValue = [id: string, rev: number | null];

/**
 * A value marked conflict or refused by an answer while later edits of it were still waiting to
 * be sent (one meta entry each, written with the marker by applyResult, gone once nothing waits).
 * Nothing else marks a value that has edits waiting: a pull or a pulled conflict leaves such a
 * value 'local' (engine.ts), and saving an edit makes it 'local' again. So these entries, the
 * refused values (the only ones with a rejectReason, which is indexed) and the values that have a
 * pulled conflict are every value an answer can find marked: markedValues reads only those.
 */
function markKey(valueId: string): string {
	return `${MARK_PREFIX}${valueId}`;
}

/**
 * The answered values this device shows as in conflict or refused: they settle one by one. Reads
 * the few that may be (see MARK_PREFIX), by id, rather than every answered record: reading 500
 * records per push cost a large push about half of its time in IndexedDB.
 */
export async function markedValues(
	db: YolDatabase,
	answered: [OutboxEntry, MutationResult][]
): Promise<Set<string>> {
	const answeredIds = new Set(
		answered.filter(([e]) => e.entity === 'value').map(([e]) => e.entityId)
	);
	if (answeredIds.size === 0) return new Set();
	const [marks, refused, conflicted] = await Promise.all([
		db.meta.where('key').startsWith(MARK_PREFIX).primaryKeys(),
		db.values.where('rejectReason').aboveOrEqual('').primaryKeys(),
		db.conflicts.orderBy('entityId').uniqueKeys()
	]);
	const candidates = new Set<string>();
	for (const key of marks) candidates.add(String(key).slice(MARK_PREFIX.length));
	for (const id of [...refused, ...conflicted]) candidates.add(String(id));
	const ids = [...candidates].filter((id) => answeredIds.has(id));
	if (ids.length === 0) return new Set();
	const rows = await db.values.bulkGet(ids);
	return new Set(
		rows
			.filter((row) => row?.syncState === 'conflict' || row?.syncState === 'rejected')
			.map((row) => row!.id)
	);
}

/**
 * Sorts a push's answers three ways, keeping each record's answers together:
 * - `values`: value edits the server has (applied, merged, duplicate), every answer of the push
 *   about that value so, none a resolution, and the value not marked conflict or rejected on this
 *   device. Nearly every answer of a large push. Their records are not rewritten now (see
 *   settleAcknowledgedValues): the pull that follows every push brings them at their new revision.
 * - `plain`: other acknowledged changes that are their record's only one in the push, settled in
 *   bulk by settleAcknowledged.
 * - `others` (conflicts, rejections, resolutions, a record changed twice): one by one, in seq
 *   order, by applyResult.
 */
export function splitAcknowledged(
	answered: [OutboxEntry, MutationResult][],
	marked: ReadonlySet<string>
) {
	const perRecord = new Map<string, { count: number; allAcked: boolean }>();
	for (const [entry, result] of answered) {
		const key = `${entry.entity}:${entry.entityId}`;
		const seen = perRecord.get(key) ?? { count: 0, allAcked: true };
		seen.count += 1;
		seen.allAcked &&= ACKNOWLEDGED.has(result.outcome) && !entry.resolves && entry.op === 'put';
		perRecord.set(key, seen);
	}
	const values: [OutboxEntry, MutationResult][] = [];
	const plain: [OutboxEntry, MutationResult][] = [];
	const others: [OutboxEntry, MutationResult][] = [];
	for (const pair of answered) {
		const [entry, result] = pair;
		const record = perRecord.get(`${entry.entity}:${entry.entityId}`)!;
		if (entry.entity === 'value' && record.allAcked && !marked.has(entry.entityId)) {
			values.push(pair);
			continue;
		}
		// A resolution also settles its conflict (settleResolution): one by one.
		const simple = record.count === 1 && !entry.resolves && ACKNOWLEDGED.has(result.outcome);
		(simple ? plain : others).push(pair);
	}
	return { values, plain, others };
}

/**
 * Settles acknowledged value edits without touching their records: their outbox entries go (one
 * range delete when the push was answered whole), and one meta entry remembers the revisions the
 * server gave them. Rewriting 10,000 records here cost seconds of IndexedDB writes, and was done
 * again moments later by the pull that brings the same records back at those revisions. Until
 * then a record keeps 'local' and its old rev, which is safe: the server stamped those fields
 * with this device, so an edit made from the old base merges instead of conflicting.
 */
export async function settleAcknowledgedValues(
	db: YolDatabase,
	pairs: [OutboxEntry, MutationResult][],
	wholeBatch: { first: number; last: number } | undefined
): Promise<void> {
	if (pairs.length === 0) return;
	if (wholeBatch) {
		await db.outbox.where(':id').between(wholeBatch.first, wholeBatch.last, true, true).delete();
	} else {
		await db.outbox.bulkDelete(pairs.map(([entry]) => entry.seq!));
	}
	const acked: AckedValue[] = pairs.map(([entry, result]) => [
		entry.entityId,
		result.outcome === 'applied' && result.rev !== undefined ? result.rev : null
	]);
	const key = `${ACKED_PREFIX}${String(pairs[0]![0].seq).padStart(16, '0')}`;
	await db.meta.put({ key, value: acked });
	// A server copy set aside while these edits were pending is older than what was sent (see
	// applyResult), unless an edit of the record is still waiting. Few records ever have one.
	const shadowed = new Set(
		(await db.meta.where('key').startsWith(`${SHADOW_PREFIX}value:`).primaryKeys()).map((k) =>
			String(k).slice(`${SHADOW_PREFIX}value:`.length)
		)
	);
	for (const [id] of acked) {
		if (!shadowed.has(id)) continue;
		shadowed.delete(id);
		if ((await pendingFor(db, 'value', id)) === 0) await db.meta.delete(shadowKey('value', id));
	}
	// A mark entry of a value edited again since (now 'local'): gone once nothing waits for it.
	const marks = new Set(
		(await db.meta.where('key').startsWith(MARK_PREFIX).primaryKeys()).map(String)
	);
	for (const [id] of acked) {
		const key = markKey(id);
		if (!marks.has(key)) continue;
		marks.delete(key);
		if ((await pendingFor(db, 'value', id)) === 0) await db.meta.delete(key);
	}
}

/**
 * Finishes what settleAcknowledgedValues left: a value still 'local' with nothing pending (the
 * pull did not bring it: it failed, or the push was the last thing before the tab closed) takes
 * the revision its edit was given and 'synced' (or 'conflict' while one about it is open), as
 * if it had been settled when the answer came. Values the pull brought are already the server's.
 * Runs after every round's pull, failed or not; usually it only deletes its meta entries.
 */
export async function settleAcknowledgedLeftovers(db: YolDatabase): Promise<void> {
	await db.transaction('rw', syncTables(db), async () => {
		const entries = await db.meta.where('key').startsWith(ACKED_PREFIX).toArray();
		if (entries.length === 0) return;
		// In seq order (the keys are padded): a value's last acknowledged edit decides.
		const revs = new Map<string, number | null>();
		for (const entry of entries) {
			for (const [id, rev] of entry.value as AckedValue[]) revs.set(id, rev);
		}
		await db.meta.bulkDelete(entries.map((e) => e.key));
		const acked = [...revs.keys()];
		const current = await db.values.bulkGet(acked);
		const candidates = acked.filter((_, i) => current[i]?.syncState === 'local');
		if (candidates.length === 0) return;
		const pending = new Set(
			(await db.outbox.where('entityId').anyOf(candidates).toArray())
				.filter((e) => e.entity === 'value')
				.map((e) => e.entityId)
		);
		const ids = candidates.filter((id) => !pending.has(id));
		const inConflict = new Set(
			(await db.conflicts.where('entityId').anyOf(ids).toArray())
				.filter((c) => isOpen(c) && !c.pending)
				.map((c) => c.entityId)
		);
		const records = await db.values.bulkGet(ids);
		const puts: LocalValue[] = [];
		records.forEach((record, i) => {
			if (!record) return;
			const acked = revs.get(ids[i]!);
			const rev = acked !== null && acked !== undefined ? Math.max(acked, record.rev) : record.rev;
			const synced: LocalValue = {
				...record,
				rev,
				syncState: inConflict.has(record.id) ? 'conflict' : 'synced'
			};
			delete synced.rejectReason;
			puts.push(synced);
		});
		await db.values.bulkPut(puts);
	});
}

/**
 * applyResult's applied/merged/duplicate branch for many entries at once: a few bulk reads and
 * writes per push instead of four IndexedDB requests per change. Each record here appears once
 * in the batch.
 */
export async function settleAcknowledged(
	db: YolDatabase,
	pairs: [OutboxEntry, MutationResult][]
): Promise<void> {
	if (pairs.length === 0) return;
	await db.outbox.bulkDelete(pairs.map(([entry]) => entry.seq!));
	const ids = [...new Set(pairs.map(([entry]) => entry.entityId))];
	const later = new Set(
		(await db.outbox.where('entityId').anyOf(ids).toArray()).map((e) => `${e.entity}:${e.entityId}`)
	);
	// A record with later edits still on their way stays 'local' (see applyResult).
	const done = pairs.filter(([entry]) => !later.has(`${entry.entity}:${entry.entityId}`));
	await db.meta.bulkDelete(done.map(([entry]) => shadowKey(entry.entity, entry.entityId)));
	// Nothing waits for these values any more (see markKey).
	await db.meta.bulkDelete(
		done.filter(([entry]) => entry.entity === 'value').map(([entry]) => markKey(entry.entityId))
	);
	const byEntity = new Map<EntityKind, [OutboxEntry, MutationResult][]>();
	for (const pair of done) {
		const list = byEntity.get(pair[0].entity) ?? [];
		list.push(pair);
		byEntity.set(pair[0].entity, list);
	}
	// A later edit does not settle an open conflict about a value (see applyResult).
	const valueIds = (byEntity.get('value') ?? []).map(([entry]) => entry.entityId);
	const inConflict = new Set(
		(await db.conflicts.where('entityId').anyOf(valueIds).toArray())
			.filter((c) => isOpen(c) && !c.pending)
			.map((c) => c.entityId)
	);
	for (const [entity, list] of byEntity) {
		const table = tableOf(db, entity);
		const records = await table.bulkGet(list.map(([entry]) => entry.entityId));
		const deletes: string[] = [];
		const puts: SyncRow[] = [];
		list.forEach(([entry, result], i) => {
			const record = records[i];
			if (!record) return;
			if (entry.op === 'delete') {
				deletes.push(entry.entityId);
				return;
			}
			const rev =
				result.outcome === 'applied' && result.rev !== undefined ? result.rev : record.rev;
			const open = entity === 'value' && inConflict.has(entry.entityId);
			const synced: SyncRow = { ...record, rev, syncState: open ? 'conflict' : 'synced' };
			delete synced.rejectReason;
			puts.push(synced);
		});
		await table.bulkDelete(deletes);
		await table.bulkPut(puts);
	}
}

/**
 * How much one push may carry. The server refuses bodies over its limit (512 KB unless
 * BODY_SIZE_LIMIT says otherwise) with 413; a push stops adding changes at this size, and after
 * a 413 the budget halves for the rest of the round. A single change larger than the budget
 * still goes, alone.
 */
export const PUSH_BODY_BUDGET = 448 * 1024;

export interface Batch {
	entries: OutboxEntry[];
	/** Each entry's mutation as JSON, measured against the budget and sent as is. */
	encoded: string[];
}

/**
 * How many pushes' worth of the outbox one read takes. Reading the next batch waits for the
 * answer being written down (both use the outbox), which put a write and a read between any two
 * pushes; read ahead, most pushes go out as soon as the last answer comes.
 */
const READ_AHEAD = 4;

/** The outbox's next changes after seq `after`, in seq order, as many as fit one push. */
export async function nextBatch(
	db: YolDatabase,
	after: number,
	limits: { count: number; bytes: number }
): Promise<Batch> {
	return (await nextBatches(db, after, limits, 1))[0]!;
}

/**
 * The outbox's next changes after seq `after`, in seq order, cut into at most `pushes` batches
 * that each fit one push (the first one possibly empty, the others never).
 */
export async function nextBatches(
	db: YolDatabase,
	after: number,
	limits: { count: number; bytes: number },
	pushes: number
): Promise<Batch[]> {
	const count = Math.min(limits.count, MAX_MUTATIONS_PER_PUSH);
	const waiting = await db.outbox
		.where(':id')
		.above(after)
		.limit(count * pushes)
		.toArray();
	const batches: Batch[] = [{ entries: [], encoded: [] }];
	let size = 0;
	for (const entry of waiting) {
		const json = JSON.stringify(toMutation(entry));
		let batch = batches.at(-1)!;
		const full =
			batch.entries.length >= count ||
			(batch.entries.length > 0 && size + json.length + 1 > limits.bytes);
		if (full) {
			if (batches.length === pushes) break;
			batch = { entries: [], encoded: [] };
			batches.push(batch);
			size = 0;
		}
		batch.entries.push(entry);
		batch.encoded.push(json);
		size += json.length + 1;
	}
	return batches;
}

/**
 * Sends the outbox in seq order, batch by batch, and settles each answer. One push at a time
 * (the server trims its answers below what a push says is settled, and must see a device's seqs
 * in order), but the next batch is read and encoded while the current one is on its way, and
 * once the server says it keeps unsettled answers (keepsUnsettled) the next push goes out while
 * this answer is still being written down: the server's work and IndexedDB's overlap.
 *
 * Why that is safe: the next push names the seq before the oldest answer not yet written down
 * (settledThrough), and the server keeps every answer above it. Should the tab close before an
 * answer is written, its changes are still in the outbox and go again, and the server answers
 * them from its log exactly as the first time (a conflict stays a conflict, a refusal keeps its
 * reason). Answers are written down one after another, in seq order; the outbox is read from its
 * start only once they all are; an error from any of them ends the round after the push in flight.
 */
export async function pushOutbox(
	db: YolDatabase,
	transport: SyncTransport,
	deviceId: string,
	summary: SyncSummary = emptySummary()
): Promise<SyncSummary> {
	const limits = { count: MAX_MUTATIONS_PER_PUSH, bytes: PUSH_BODY_BUDGET };
	// The tablet's name goes with every push, so a conflict can say which tablet a version is from.
	const named = await deviceName(db);
	const writer = new AnswerWriter();
	let upcoming: Promise<Batch> | undefined;
	/** Batches read ahead (READ_AHEAD), next first; dropped whenever the loop starts over. */
	let ahead: Batch[] = [];
	for (;;) {
		const { entries: batch, encoded } = await (upcoming ??
			writer.done().then(() => nextBatch(db, 0, limits)));
		upcoming = undefined;
		writer.throwIfFailed();
		if (batch.length === 0) {
			await writer.done();
			return summary;
		}
		const request = {
			protocol: PROTOCOL_VERSION,
			schema: CLIENT_SCHEMA_VERSION,
			deviceId,
			settledThrough: writer.settledBefore(batch[0]!.seq!),
			...(named ? { deviceName: named } : {}),
			mutations: batch.map(toMutation)
		};
		// If the answer is lost, the same entries go again and the server answers 'duplicate'.
		const sent = transport.push(request, encodePush(request, encoded));
		const lastSent = batch.at(-1)!.seq!;
		const prefetch: Promise<Batch[]> =
			ahead.length > 0 ? Promise.resolve(ahead) : nextBatches(db, lastSent, limits, READ_AHEAD);
		prefetch.catch(() => undefined);
		ahead = [];
		let response: PushResponse;
		try {
			response = await sent;
		} catch (error) {
			// What was answered before still gets written down; its failure is the one that counts.
			await writer.done();
			if (!(error instanceof SyncHttpError) || batch.length === 1) throw error;
			// Too large for the server: smaller pushes, down to one change (which may still be).
			if (error.status === 413) limits.bytes = Math.max(1, Math.floor(limits.bytes / 2));
			// A server from before larger pushes: fewer changes at a time.
			else if (error.status === 400 && error.field === 'mutations') {
				limits.count = Math.max(1, Math.floor(batch.length / 2));
			} else throw error;
			continue;
		}
		const bySeq = new Map(batch.map((entry) => [entry.seq!, entry]));
		const answered: [OutboxEntry, MutationResult][] = [];
		for (const result of response.results) {
			const entry = bySeq.get(result.seq);
			if (!entry) continue;
			bySeq.delete(result.seq);
			answered.push([entry, result]);
			if (result.outcome === 'conflict') summary.conflicts += 1;
			else if (result.outcome === 'rejected') summary.rejected += 1;
			else summary.pushed += 1;
		}
		// An answer that settled nothing would loop forever: try again on the next round.
		if (answered.length === 0) {
			await writer.done();
			throw new Error('the server settled none of the pushed changes');
		}
		answered.sort((a, b) => a[0].seq! - b[0].seq!);
		const whole =
			answered.length === batch.length ? { first: batch[0]!.seq!, last: lastSent } : undefined;
		writer.write(batch[0]!.seq!, () => settleAnswer(db, answered, whole));
		// Unanswered entries of this batch go first, again: the prefetched batch is not next.
		if (bySeq.size > 0) {
			await writer.done();
			continue;
		}
		// A server of before drops this answer from its log at the next push: write it down first.
		if (response.keepsUnsettled !== true) await writer.done();
		// An empty prefetch may have missed a change saved since: the outbox is read once more,
		// from its start, once every answer is written down.
		upcoming = prefetch.then(([next, ...rest]) => {
			if (next && next.entries.length > 0) {
				ahead = rest;
				return next;
			}
			return writer.done().then(() => nextBatch(db, 0, limits));
		});
	}
}

/**
 * Writes one push's answer down. One transaction for the whole answer: the outbox and the
 * records' states move together, so a closed tab leaves either the old state (and a resend the
 * server answers as before) or the new.
 */
async function settleAnswer(
	db: YolDatabase,
	answered: [OutboxEntry, MutationResult][],
	whole: { first: number; last: number } | undefined
): Promise<void> {
	await db.transaction('rw', syncTables(db), async () => {
		const marked = await markedValues(db, answered);
		const { values, plain, others } = splitAcknowledged(answered, marked);
		await settleAcknowledgedValues(
			db,
			values,
			values.length === answered.length ? whole : undefined
		);
		await settleAcknowledged(db, plain);
		for (const [entry, result] of others) await applyResult(db, entry, result);
	});
}

/**
 * The answers being written down while the next push is out: one after another, in the order
 * given; after a failure the rest are not written (their changes stay in the outbox).
 */
export class AnswerWriter {
	#chain: Promise<void> = Promise.resolve();
	/** The first seq of each push whose answer is not written down yet, oldest first. */
	readonly #pending: number[] = [];
	#failure: { error: unknown } | undefined;

	write(firstSeq: number, work: () => Promise<void>): void {
		this.#pending.push(firstSeq);
		this.#chain = this.#chain.then(async () => {
			if (this.#failure) return;
			try {
				await work();
				this.#pending.shift();
			} catch (error) {
				this.#failure = { error };
			}
		});
	}

	/**
	 * What a push starting at `firstSeq` may call settled for good: every seq below the oldest
	 * answer still being written, or below the push itself.
	 */
	settledBefore(firstSeq: number): number {
		return Math.max(0, (this.#pending[0] ?? firstSeq) - 1);
	}

	/** Waits for every answer given so far; throws the first failure. */
	async done(): Promise<void> {
		await this.#chain;
		this.throwIfFailed();
	}

	throwIfFailed(): void {
		if (this.#failure) throw this.#failure.error;
	}
}

/** The push's JSON body from its mutations already encoded (nextBatch measured them so). */
export function encodePush(request: PushRequest, mutations: readonly string[]): string {
	const { protocol, schema, deviceId, settledThrough, deviceName } = request;
	const settled = settledThrough === undefined ? '' : `"settledThrough":${settledThrough},`;
	const named = deviceName ? `"deviceName":${JSON.stringify(deviceName)},` : '';
	return `{"protocol":${protocol},"schema":${schema},"deviceId":${JSON.stringify(deviceId)},${settled}${named}"mutations":[${mutations.join(',')}]}`;
}
