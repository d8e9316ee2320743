import type { Table } from 'dexie';
import type { FieldProblem, Parsed } from '$lib/domain/indicators';
import {
	parseMeasure,
	parseMeasureNote,
	type Measure,
	type MeasureNote
} from '$lib/domain/measures';
import { parseMeeting, type Meeting } from '$lib/domain/meetings';
import type {
	EntityKind,
	LocalMeasure,
	LocalMeasureNote,
	LocalMeeting,
	SyncState,
	YolDatabase
} from './database';
import { StorageFullError, isQuotaError } from './errors';

/**
 * Saving the roadmap's records on this device: measures, notes on the work done, meetings.
 * Like a value, each save writes the record, its outbox entry and its history line in ONE
 * transaction, so a change the screen shows always reaches the server, offline or not.
 */

export type RoadmapSave<T> =
	{ ok: true; record: T; changed: boolean } | { ok: false; problems: FieldProblem[] };

type Stored<T> = T & { rev: number; syncState: SyncState; rejectReason?: string };

/** Content compared field by field, so key order in objects does not count as a change. */
function stable(value: unknown): string {
	return JSON.stringify(value, (_key, v: unknown) =>
		v && typeof v === 'object' && !Array.isArray(v)
			? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
			: v
	);
}

async function writeRecord<T extends { id: string }>(
	db: YolDatabase,
	entity: EntityKind,
	table: Table<Stored<T>, string, Stored<T>>,
	parsed: Parsed<T>,
	by: string,
	now: Date
): Promise<RoadmapSave<Stored<T>>> {
	if (!parsed.ok) return { ok: false, problems: parsed.problems };
	const value = parsed.value;
	try {
		return await db.transaction('rw', table, db.outbox, db.history, async () => {
			const existing = await table.get(value.id);
			let fields = Object.keys(value);
			if (existing) {
				const before = existing as unknown as Record<string, unknown>;
				const after = value as unknown as Record<string, unknown>;
				fields = fields.filter((k) => stable(before[k]) !== stable(after[k]));
				if (fields.length === 0) return { ok: true, record: existing, changed: false };
			}
			// rev stays the last revision the server confirmed: the base of this edit.
			const record = { ...value, rev: existing?.rev ?? 0, syncState: 'local' } as Stored<T>;
			await table.put(record);
			const at = now.toISOString();
			await db.outbox.add({
				mutationId: crypto.randomUUID(),
				entity,
				entityId: value.id,
				op: 'put',
				baseRev: record.rev,
				changed: fields,
				data: value,
				createdAt: at
			});
			await db.history.add({
				entity,
				entityId: value.id,
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

/** Drops the device's own bookkeeping, so a form can pass a stored record back in. */
function content<T>(input: T): T {
	const {
		rev: _rev,
		syncState: _state,
		rejectReason: _reason,
		...rest
	} = input as T & {
		rev?: number;
		syncState?: SyncState;
		rejectReason?: string;
	};
	return rest as T;
}

export function saveMeasure(
	db: YolDatabase,
	input: Measure,
	by: string,
	now: Date = new Date()
): Promise<RoadmapSave<LocalMeasure>> {
	return writeRecord<Measure>(
		db,
		'measure',
		db.measures as unknown as Table<LocalMeasure, string, LocalMeasure>,
		parseMeasure(content(input)),
		by,
		now
	);
}

export function saveMeasureNote(
	db: YolDatabase,
	input: MeasureNote,
	by: string,
	now: Date = new Date()
): Promise<RoadmapSave<LocalMeasureNote>> {
	return writeRecord<MeasureNote>(
		db,
		'measureNote',
		db.measureNotes as unknown as Table<LocalMeasureNote, string, LocalMeasureNote>,
		parseMeasureNote(content(input)),
		by,
		now
	);
}

export function saveMeeting(
	db: YolDatabase,
	input: Meeting,
	by: string,
	now: Date = new Date()
): Promise<RoadmapSave<LocalMeeting>> {
	return writeRecord<Meeting>(
		db,
		'meeting',
		db.meetings as unknown as Table<LocalMeeting, string, LocalMeeting>,
		parseMeeting(content(input)),
		by,
		now
	);
}

/**
 * Turns a meeting's decision into a measure: the measure is saved, then the decision points at
 * it, in one transaction so the link is never half made.
 */
export async function decisionToMeasure(
	db: YolDatabase,
	meetingId: string,
	decisionId: string,
	measure: Measure,
	by: string,
	now: Date = new Date()
): Promise<RoadmapSave<LocalMeasure>> {
	return db.transaction('rw', [db.measures, db.meetings, db.outbox, db.history], async () => {
		const meeting = await db.meetings.get(meetingId);
		if (!meeting)
			return { ok: false, problems: [{ field: 'meetingId', message: 'no such meeting' }] };
		const saved = await saveMeasure(db, measure, by, now);
		if (!saved.ok) return saved;
		const decisions = meeting.decisions.map((d) =>
			d.id === decisionId ? { ...d, measureId: saved.record.id } : d
		);
		const linked = await saveMeeting(db, { ...meeting, decisions }, by, now);
		if (!linked.ok) throw new Error(linked.problems.map((p) => p.message).join('; '));
		return saved;
	});
}
