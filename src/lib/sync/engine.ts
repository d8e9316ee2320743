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
	type MutationResult
} from '$lib/domain/sync/protocol';
import type {
	EntityKind,
	LocalConflict,
	OutboxEntry,
	SyncState,
	YolDatabase
} from '$lib/db/database';
import { loadParsersFor, roadmap } from './lazy-parsers';
import type { SyncTransport } from './transport';

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

/**
 * Splits a push's answers into the common case (the server has the change, and it is the batch's
 * only change to its record), settled in bulk, and the rest (conflicts, rejections, a record
 * changed twice in one batch), settled one by one in seq order by applyResult.
 */
function splitAcknowledged(answered: [OutboxEntry, MutationResult][]) {
	const perRecord = new Map<string, number>();
	for (const [entry] of answered) {
		const key = `${entry.entity}:${entry.entityId}`;
		perRecord.set(key, (perRecord.get(key) ?? 0) + 1);
	}
	const plain: [OutboxEntry, MutationResult][] = [];
	const others: [OutboxEntry, MutationResult][] = [];
	for (const pair of answered) {
		const [entry, result] = pair;
		const alone = perRecord.get(`${entry.entity}:${entry.entityId}`) === 1;
		// A resolution also settles its conflict (settleResolution): one by one.
		const simple = alone && !entry.resolves && ACKNOWLEDGED.has(result.outcome);
		(simple ? plain : others).push(pair);
	}
	return { plain, others };
}

/**
 * applyResult's applied/merged/duplicate branch for many entries at once: a few bulk reads and
 * writes per push instead of four IndexedDB requests per change (which made a push of 10,000
 * edits take seconds in Chromium). Each record here appears once in the batch.
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

/** Sends the outbox in seq order, batch by batch, and settles each answer. */
export async function pushOutbox(
	db: YolDatabase,
	transport: SyncTransport,
	deviceId: string,
	summary: SyncSummary = emptySummary()
): Promise<SyncSummary> {
	for (;;) {
		const batch = await db.outbox.orderBy('seq').limit(MAX_MUTATIONS_PER_PUSH).toArray();
		if (batch.length === 0) return summary;
		// If the answer is lost, the same entries go again and the server answers 'duplicate'.
		const response = await transport.push({
			protocol: PROTOCOL_VERSION,
			schema: CLIENT_SCHEMA_VERSION,
			deviceId,
			mutations: batch.map(toMutation)
		});
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
		// One transaction for the whole answer: the outbox and the records' states move together,
		// so a closed tab leaves either the old state (and a harmless 'duplicate' retry) or the new.
		await db.transaction('rw', syncTables(db), async () => {
			const { plain, others } = splitAcknowledged(answered);
			await settleAcknowledged(db, plain);
			for (const [entry, result] of others) await applyResult(db, entry, result);
		});
		// An answer that settled nothing would loop forever: try again on the next round.
		if (settled === 0) throw new Error('the server settled none of the pushed changes');
	}
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

/**
 * Applies one pulled page. Records with nothing pending on this device (nearly all of them, and
 * all on a first sync) are read and written in bulk: one IndexedDB round trip per table instead
 * of three per record, which is what kept a first sync of thousands of records slow enough to
 * hold the screens' reads. The rest (pending edits, tombstones) go one by one as before.
 */
async function applyPage(
	db: YolDatabase,
	pageChanges: Change[],
	summary: SyncSummary
): Promise<void> {
	await loadParsersFor(pageChanges);
	// Conflicts go last: each names a value that came earlier (a lower revision) in this page or
	// before it, whose conflict marker it sets or clears.
	const changes = pageChanges.filter((c): c is RecordChange => c.entity !== 'conflict');
	const conflicts = pageChanges.filter((c) => c.entity === 'conflict');
	const ids = [...new Set(changes.map((c) => c.entityId))];
	const pending = new Set(
		(await db.outbox.where('entityId').anyOf(ids).toArray()).map((e) => `${e.entity}:${e.entityId}`)
	);
	const slow: RecordChange[] = [];
	const fast = new Map<EntityKind, SyncRow[]>();
	for (const change of changes) {
		if (change.deleted || pending.has(`${change.entity}:${change.entityId}`)) {
			slow.push(change);
			continue;
		}
		const parsed = parseChange(change);
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
		const locals = await table.bulkGet(rows.map((r) => r.id));
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

/** Fetches the server's changes page by page from the stored cursor. */
export async function pullChanges(
	db: YolDatabase,
	transport: SyncTransport,
	pageSize: number = PULL_PAGE_DEFAULT,
	summary: SyncSummary = emptySummary(),
	onPage?: (received: number, remaining: number | undefined) => void
): Promise<SyncSummary> {
	const stored = (await db.meta.get(PULL_CURSOR_KEY))?.value;
	let after = typeof stored === 'number' ? stored : 0;
	let request = transport.pull(after, pageSize);
	for (;;) {
		const page = await request;
		const more = page.hasMore && page.cursor > after;
		// The next page is fetched while this one is stored: on a first sync the network, the
		// server and JSON parsing then overlap the IndexedDB writes instead of adding to them.
		if (more) {
			request = transport.pull(page.cursor, pageSize);
			// Handled here too, so a failure while this page is stored leaves no unhandled rejection.
			request.catch(() => undefined);
		}
		// A page and its cursor in one transaction: an interrupted first sync resumes at the
		// page it stopped on, with no page applied twice or skipped.
		const from = after;
		await db.transaction('rw', syncTables(db), async () => {
			await applyPage(db, page.changes, summary);
			await db.meta.put({ key: PULL_CURSOR_KEY, value: Math.max(from, page.cursor) });
		});
		onPage?.(summary.pulled + summary.skipped, page.remaining);
		if (!more) return summary;
		after = page.cursor;
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
	await pushOutbox(db, transport, deviceId, summary);
	await pullChanges(db, transport, options.pageSize ?? PULL_PAGE_DEFAULT, summary, options.onPull);
	return summary;
}
