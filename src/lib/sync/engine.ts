import type { Table } from 'dexie';
import { parseIndicator, parseIndicatorValue, type Parsed } from '$lib/domain/indicators';
import { parseLocation } from '$lib/domain/location-schema';
import { isOpen, parseConflict } from '$lib/domain/sync/conflict';
import {
	CLIENT_SCHEMA_VERSION,
	MAX_MUTATIONS_PER_PUSH,
	PROTOCOL_VERSION,
	PULL_PAGE_DEFAULT,
	type Change,
	type Mutation,
	type MutationResult,
	type PullResponse,
	type PushRequest,
	type PushResponse
} from '$lib/domain/sync/protocol';
import type {
	EntityKind,
	LocalConflict,
	LocalValue,
	OutboxEntry,
	SyncState,
	YolDatabase
} from '$lib/db/database';
import { loadParsersFor, roadmap } from './lazy-parsers';
import { SyncHttpError, type SyncTransport } from './transport';

/**
 * The one sync engine: push this device's outbox, then pull the server's changes.
 *
 * What a local record's `rev` means here: the server revision whose content the record shows
 * (for an edited record: the base of its pending edits). It only moves forward when the content
 * really is the server's at that revision, because the next edit sends it as `baseRev`, and a
 * baseRev that claims more than the device has seen would let its edit overwrite another
 * device's change silently.
 */

export const PULL_CURSOR_KEY = 'pull_cursor';
/**
 * The newest server copy of a record pulled while this device had unsent edits to it (kept in
 * meta, one entry per record). If the server then sets those edits aside (conflict) or refuses
 * them, the record takes this copy: the cursor has moved past it and it will not come again.
 */
const SHADOW_PREFIX = 'sync_shadow:';
/**
 * Value edits the server has acknowledged whose records were not rewritten yet (one meta entry
 * per push, keyed by its first seq): see settleAcknowledgedValues.
 */
const ACKED_PREFIX = 'sync_acked:';

export interface SyncSummary {
	pushed: number;
	pulled: number;
	conflicts: number;
	rejected: number;
	/** Pulled records that failed the schema and were not stored (kept out, logged). */
	skipped: number;
}

export function emptySummary(): SyncSummary {
	return { pushed: 0, pulled: 0, conflicts: 0, rejected: 0, skipped: 0 };
}

/** The fields the engine reads and writes on every synced table. */
interface SyncRow {
	id: string;
	rev: number;
	syncState: SyncState;
	rejectReason?: string;
}

/** The device table each synced entity lives in. */
function tableOf(db: YolDatabase, entity: EntityKind): Table<SyncRow, string> {
	const tables: Record<EntityKind, Table> = {
		value: db.values,
		indicator: db.indicators,
		location: db.locations,
		organisation: db.organisations,
		measure: db.measures,
		measureNote: db.measureNotes,
		meeting: db.meetings
	};
	return tables[entity] as unknown as Table<SyncRow, string>;
}

function shadowKey(entity: EntityKind, id: string): string {
	return `${SHADOW_PREFIX}${entity}:${id}`;
}

function syncTables(db: YolDatabase) {
	return [
		db.values,
		db.indicators,
		db.locations,
		db.organisations,
		db.measures,
		db.measureNotes,
		db.meetings,
		db.outbox,
		db.meta,
		db.conflicts
	];
}

async function pendingFor(db: YolDatabase, entity: EntityKind, id: string): Promise<number> {
	return db.outbox
		.where('entityId')
		.equals(id)
		.filter((e) => e.entity === entity)
		.count();
}

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

/** A pulled record checked by the same schemas the device's own forms use. */
function parseChange(change: RecordChange): Parsed<SyncRow> {
	const data = (change.data ?? {}) as Record<string, unknown>;
	const parsers: Record<EntityKind, (input: unknown) => Parsed<object>> = {
		value: (input) =>
			parseIndicatorValue({ ...(input as object), rev: change.rev, deleted: false }),
		indicator: parseIndicator,
		location: parseLocation,
		organisation: (input) => roadmap().parseOrganisation(input),
		measure: (input) => roadmap().parseMeasure(input),
		measureNote: (input) => roadmap().parseMeasureNote(input),
		meeting: (input) => roadmap().parseMeeting(input)
	};
	const parsed = parsers[change.entity](data);
	if (!parsed.ok) return parsed;
	const row = { ...parsed.value, rev: change.rev, syncState: 'synced' } as SyncRow;
	if (row.id !== change.entityId) {
		return { ok: false, problems: [{ field: 'id', message: 'id differs from entityId' }] };
	}
	return { ok: true, value: row };
}

/** Replaces a record by the server's copy, keeping a conflict or rejection marker. */
async function adopt(table: Table<SyncRow, string>, row: SyncRow): Promise<void> {
	const local = await table.get(row.id);
	if (local && local.rev > row.rev) return; // an older copy than the one shown
	if (local && (local.syncState === 'conflict' || local.syncState === 'rejected')) {
		await table.put({ ...row, syncState: local.syncState, rejectReason: local.rejectReason });
	} else {
		await table.put(row);
	}
}

/** A stored shadow replaces the record once nothing of this device's is pending for it. */
async function adoptShadow(db: YolDatabase, entity: EntityKind, id: string): Promise<void> {
	const key = shadowKey(entity, id);
	const shadow = (await db.meta.get(key))?.value as RecordChange | undefined;
	if (!shadow) return;
	await db.meta.delete(key);
	const table = tableOf(db, entity);
	if (shadow.deleted) {
		await table.delete(id);
		return;
	}
	await loadParsersFor([shadow]);
	const parsed = parseChange(shadow);
	if (parsed.ok) await adopt(table, parsed.value);
}

async function applyResult(
	db: YolDatabase,
	entry: OutboxEntry,
	result: MutationResult
): Promise<void> {
	await db.outbox.delete(entry.seq!);
	const table = tableOf(db, entry.entity);
	const laterPending = (await pendingFor(db, entry.entity, entry.entityId)) > 0;
	const record = await table.get(entry.entityId);
	if (entry.resolves) await settleResolution(db, entry, result);

	if (result.outcome === 'conflict' || result.outcome === 'rejected') {
		if (record) {
			const marked: SyncRow = { ...record, syncState: result.outcome };
			if (result.outcome === 'rejected') marked.rejectReason = result.reason ?? '';
			else delete marked.rejectReason;
			await table.put(marked);
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
async function settleResolution(
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

const ACKNOWLEDGED: ReadonlySet<string> = new Set(['applied', 'merged', 'duplicate']);

/** One acknowledged value edit: its id, and the revision the server gave it (null: keep). */
type AckedValue = [id: string, rev: number | null];

/**
 * The answered values this device shows as in conflict or refused: they settle one by one. Read
 * by id (values keep no index of their state: it cost every first sync a third index).
 */
async function markedValues(
	db: YolDatabase,
	answered: [OutboxEntry, MutationResult][]
): Promise<Set<string>> {
	const ids = [...new Set(answered.filter(([e]) => e.entity === 'value').map(([e]) => e.entityId))];
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
function splitAcknowledged(answered: [OutboxEntry, MutationResult][], marked: ReadonlySet<string>) {
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
async function settleAcknowledgedValues(
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
async function settleAcknowledged(
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

interface Batch {
	entries: OutboxEntry[];
	/** Each entry's mutation as JSON, measured against the budget and sent as is. */
	encoded: string[];
}

/** The outbox's next changes after seq `after`, in seq order, as many as fit one push. */
async function nextBatch(
	db: YolDatabase,
	after: number,
	limits: { count: number; bytes: number }
): Promise<Batch> {
	const waiting = await db.outbox
		.where(':id')
		.above(after)
		.limit(Math.min(limits.count, MAX_MUTATIONS_PER_PUSH))
		.toArray();
	const entries: OutboxEntry[] = [];
	const encoded: string[] = [];
	let size = 0;
	for (const entry of waiting) {
		const json = JSON.stringify(toMutation(entry));
		if (entries.length > 0 && size + json.length + 1 > limits.bytes) break;
		entries.push(entry);
		encoded.push(json);
		size += json.length + 1;
	}
	return { entries, encoded };
}

/**
 * Sends the outbox in seq order, batch by batch, and settles each answer. One push at a time
 * (the server trims its answers below a push's first seq, and must see a device's seqs in
 * order), but the next batch is read and encoded while the current one is on its way.
 */
export async function pushOutbox(
	db: YolDatabase,
	transport: SyncTransport,
	deviceId: string,
	summary: SyncSummary = emptySummary()
): Promise<SyncSummary> {
	const limits = { count: MAX_MUTATIONS_PER_PUSH, bytes: PUSH_BODY_BUDGET };
	let upcoming: Promise<Batch> | undefined;
	for (;;) {
		const { entries: batch, encoded } = await (upcoming ?? nextBatch(db, 0, limits));
		upcoming = undefined;
		if (batch.length === 0) return summary;
		const request = {
			protocol: PROTOCOL_VERSION,
			schema: CLIENT_SCHEMA_VERSION,
			deviceId,
			mutations: batch.map(toMutation)
		};
		// If the answer is lost, the same entries go again and the server answers 'duplicate'.
		const sent = transport.push(request, encodePush(request, encoded));
		const lastSent = batch.at(-1)!.seq!;
		const prefetch = nextBatch(db, lastSent, limits);
		prefetch.catch(() => undefined);
		let response: PushResponse;
		try {
			response = await sent;
		} catch (error) {
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
		const settled = answered.length;
		answered.sort((a, b) => a[0].seq! - b[0].seq!);
		// One transaction for the whole answer: the outbox and the records' states move together,
		// so a closed tab leaves either the old state (and a harmless 'duplicate' retry) or the new.
		await db.transaction('rw', syncTables(db), async () => {
			const marked = await markedValues(db, answered);
			const { values, plain, others } = splitAcknowledged(answered, marked);
			const whole =
				values.length === batch.length ? { first: batch[0]!.seq!, last: lastSent } : undefined;
			await settleAcknowledgedValues(db, values, whole);
			await settleAcknowledged(db, plain);
			for (const [entry, result] of others) await applyResult(db, entry, result);
		});
		// An answer that settled nothing would loop forever: try again on the next round.
		if (settled === 0) throw new Error('the server settled none of the pushed changes');
		// Unanswered entries of this batch go first, again: the prefetched batch is not next. An
		// empty prefetch may have missed a change saved since: the outbox is read once more.
		if (bySeq.size === 0) {
			upcoming = prefetch.then((next) =>
				next.entries.length > 0 ? next : nextBatch(db, 0, limits)
			);
		}
	}
}

/** The push's JSON body from its mutations already encoded (nextBatch measured them so). */
function encodePush(request: PushRequest, mutations: readonly string[]): string {
	const { protocol, schema, deviceId } = request;
	return `{"protocol":${protocol},"schema":${schema},"deviceId":${JSON.stringify(deviceId)},"mutations":[${mutations.join(',')}]}`;
}

/** A pulled change to a record the device keeps in a table of its own (not a conflict). */
type RecordChange = Change & { entity: EntityKind };

async function applyChange(
	db: YolDatabase,
	change: RecordChange,
	summary: SyncSummary
): Promise<void> {
	const entity = change.entity;
	if ((await pendingFor(db, entity, change.entityId)) > 0) {
		// The device's pending edit is the newer intent and its push carries it; the record keeps
		// its content, rev (the base of those edits) and 'local'. The server copy waits aside.
		await db.meta.put({ key: shadowKey(entity, change.entityId), value: change });
		return;
	}
	const table = tableOf(db, entity);
	if (change.deleted) {
		await table.delete(change.entityId);
		summary.pulled += 1;
		return;
	}
	const parsed = parseChange(change);
	if (!parsed.ok) {
		summary.skipped += 1;
		console.warn(`sync: pulled ${entity} ${change.entityId} is invalid`, parsed.problems);
		return;
	}
	await adopt(table, parsed.value);
	summary.pulled += 1;
}

/** A page's records checked by their schemas before its transaction (see pullChanges). */
type CheckedPage = Map<Change, Parsed<SyncRow>>;

async function checkPage(changes: readonly Change[]): Promise<CheckedPage> {
	// Outside any transaction here: the roadmap's schemas load like any other lazy file.
	await loadParsersFor(changes);
	const checked: CheckedPage = new Map();
	for (const change of changes) {
		if (change.entity === 'conflict' || change.deleted) continue;
		checked.set(change, parseChange(change as RecordChange));
	}
	return checked;
}

/**
 * Applies one pulled page. Records with nothing pending on this device (nearly all of them, and
 * all on a first sync) are read and written in bulk: one IndexedDB round trip per table instead
 * of three per record, which is what kept a first sync of thousands of records slow enough to
 * hold the screens' reads. The rest (pending edits, tombstones) go one by one as before.
 */
async function applyPage(
	db: YolDatabase,
	pageChanges: Change[],
	summary: SyncSummary,
	firstSync = false,
	checked: CheckedPage = new Map()
): Promise<void> {
	await loadParsersFor(pageChanges);
	// Conflicts go last: each names a value that came earlier (a lower revision) in this page or
	// before it, whose conflict marker it sets or clears.
	const changes = pageChanges.filter((c): c is RecordChange => c.entity !== 'conflict');
	const conflicts = pageChanges.filter((c) => c.entity === 'conflict');
	const ids = [...new Set(changes.map((c) => c.entityId))];
	// firstSync: the caller found the outbox empty in this transaction.
	const pending = new Set(
		firstSync
			? []
			: (await db.outbox.where('entityId').anyOf(ids).toArray()).map(
					(e) => `${e.entity}:${e.entityId}`
				)
	);
	const slow: RecordChange[] = [];
	const fast = new Map<EntityKind, SyncRow[]>();
	for (const change of changes) {
		if (change.deleted || pending.has(`${change.entity}:${change.entityId}`)) {
			slow.push(change);
			continue;
		}
		const parsed = checked.get(change) ?? parseChange(change);
		if (!parsed.ok) {
			summary.skipped += 1;
			console.warn(`sync: pulled ${change.entity} ${change.entityId} is invalid`, parsed.problems);
			continue;
		}
		const rows = fast.get(change.entity) ?? [];
		rows.push(parsed.value);
		fast.set(change.entity, rows);
	}
	for (const [entity, rows] of fast) {
		const table = tableOf(db, entity);
		// On a first sync the device holds only what earlier pages brought (older revisions of
		// the same records at most) and no marker of its own: nothing to read back.
		const locals = firstSync ? [] : await table.bulkGet(rows.map((r) => r.id));
		// A value can arrive after its conflict (changed again since): the marker goes on here.
		const inConflict =
			entity === 'value'
				? new Set(
						(await db.conflicts.where('entityId').anyOf(ids).toArray())
							.filter((c) => isOpen(c) && !c.pending)
							.map((c) => c.entityId)
					)
				: new Set<string>();
		const keep: SyncRow[] = [];
		rows.forEach((row, i) => {
			const local = locals[i];
			if (local && local.rev > row.rev) return; // an older copy than the one shown
			keep.push(
				local && (local.syncState === 'conflict' || local.syncState === 'rejected')
					? { ...row, syncState: local.syncState, rejectReason: local.rejectReason }
					: inConflict.has(row.id)
						? { ...row, syncState: 'conflict' }
						: row
			);
		});
		await table.bulkPut(keep);
		summary.pulled += rows.length;
	}
	for (const change of slow) await applyChange(db, change, summary);
	for (const change of conflicts) await applyConflict(db, change, summary);
}

/**
 * Stores a pulled conflict and keeps its value's marker in step: an open conflict marks the value
 * 'conflict' (on a coordinator's tablet too, so the cell links to the review); once resolved, the
 * marker goes when no other conflict about that value is open. A value with edits still waiting
 * to be sent keeps 'local': those edits are the newer word and their own answer will mark it.
 */
async function applyConflict(db: YolDatabase, change: Change, summary: SyncSummary): Promise<void> {
	if (change.deleted) {
		await db.conflicts.delete(change.entityId);
		return;
	}
	const parsed = parseConflict(change.data);
	if (!parsed.ok || parsed.value.id !== change.entityId) {
		summary.skipped += 1;
		console.warn(`sync: pulled conflict ${change.entityId} is invalid`);
		return;
	}
	const local = await db.conflicts.get(change.entityId);
	if (local && local.rev > change.rev) return;
	const row: LocalConflict = { ...parsed.value, rev: change.rev };
	// A resolution chosen here and not yet sent stays until its own answer comes back.
	if (isOpen(row) && local?.pending) row.pending = local.pending;
	if (isOpen(row) && local?.refused) row.refused = local.refused;
	await db.conflicts.put(row);
	summary.pulled += 1;

	const value = await db.values.get(row.entityId);
	if (!value || (await pendingFor(db, 'value', row.entityId)) > 0) return;
	if (isOpen(row) && !row.pending) {
		if (value.syncState === 'synced') await db.values.put({ ...value, syncState: 'conflict' });
		return;
	}
	if (value.syncState !== 'conflict') return;
	if ((await openConflicts(db, row.entityId, row.id)) === 0) {
		await db.values.put({ ...value, syncState: 'synced' });
	}
}

/** Conflicts about a value still waiting for a person's choice, other than `except`. */
function openConflicts(db: YolDatabase, valueId: string, except: string): Promise<number> {
	return db.conflicts
		.where('entityId')
		.equals(valueId)
		.filter((c) => c.id !== except && isOpen(c) && !c.pending)
		.count();
}

/** The first page of a first sync (see pullChanges). */
const FIRST_PAGE = 1000;

/**
 * Fetches the server's changes page by page from the stored cursor. `firstSync`: the device's
 * first download (first-start.svelte.ts), before any screen can write: pages are stored without
 * reading back local copies, as long as the outbox is empty (checked on every page).
 */
export async function pullChanges(
	db: YolDatabase,
	transport: SyncTransport,
	pageSize: number = PULL_PAGE_DEFAULT,
	summary: SyncSummary = emptySummary(),
	onPage?: (received: number, remaining: number | undefined) => void,
	firstSync = false
): Promise<SyncSummary> {
	const stored = (await db.meta.get(PULL_CURSOR_KEY))?.value;
	let after = typeof stored === 'number' ? stored : 0;
	// A first sync asks for small pages first, so writing starts at once, then doubles them up
	// to `pageSize`: fewer, larger IndexedDB transactions, each written while the next arrives.
	let size = firstSync ? Math.min(pageSize, FIRST_PAGE) : pageSize;
	let page = await transport.pull(after, size);
	let checked = await checkPage(page.changes);
	for (;;) {
		const more = page.hasMore && page.cursor > after;
		// The next page is fetched while this one is stored: on a first sync the network, the
		// server and JSON parsing then overlap the IndexedDB writes instead of adding to them.
		let request: Promise<PullResponse> | undefined;
		if (more) {
			size = Math.min(pageSize, size * 2);
			request = transport.pull(page.cursor, size);
			// Handled here too, so a failure while this page is stored leaves no unhandled rejection.
			request.catch(() => undefined);
		}
		// A page and its cursor in one transaction: an interrupted first sync resumes at the
		// page it stopped on, with no page applied twice or skipped.
		const from = after;
		const current = page;
		const currentChecked = checked;
		const writing = db.transaction('rw', syncTables(db), async () => {
			const fresh = firstSync && (await db.outbox.count()) === 0;
			await applyPage(db, current.changes, summary, fresh, currentChecked);
			await db.meta.put({ key: PULL_CURSOR_KEY, value: Math.max(from, current.cursor) });
		});
		writing.catch(() => undefined);
		// While IndexedDB writes this page, the next one is received and checked (CPU work that
		// would otherwise wait for the commit). A failed write is reported before a failed fetch.
		let next: PullResponse | undefined;
		let fetchError: unknown;
		if (request) {
			try {
				next = await request;
				checked = await checkPage(next.changes);
			} catch (error) {
				fetchError = error;
			}
		}
		await writing;
		if (fetchError !== undefined) throw fetchError;
		onPage?.(summary.pulled + summary.skipped, current.remaining);
		if (!more || !next) return summary;
		after = current.cursor;
		page = next;
	}
}

export interface SyncOptions {
	pageSize?: number;
	/** After each pulled page: records received so far in this round, and how many remain. */
	onPull?: (received: number, remaining: number | undefined) => void;
}

/**
 * One round: everything in the outbox goes to the server, then everything new comes back.
 * Throws on the first failure (offline, update required, server error); whatever was settled
 * before it stays settled, and the next round carries on from there.
 */
export async function syncOnce(
	db: YolDatabase,
	transport: SyncTransport,
	deviceId: string,
	options: SyncOptions = {}
): Promise<SyncSummary> {
	const summary = emptySummary();
	try {
		await pushOutbox(db, transport, deviceId, summary);
		await pullChanges(
			db,
			transport,
			options.pageSize ?? PULL_PAGE_DEFAULT,
			summary,
			options.onPull
		);
	} catch (error) {
		// Whatever was acknowledged before the failure still settles; the failure is what counts.
		await settleAcknowledgedLeftovers(db).catch(() => undefined);
		throw error;
	}
	await settleAcknowledgedLeftovers(db);
	return summary;
}
