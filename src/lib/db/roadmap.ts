import {
	parseMeasure,
	parseMeasureNote,
	type Measure,
	type MeasureNote
} from '$lib/domain/measures';
import { parseMeeting, type Meeting } from '$lib/domain/meetings';
import { organisationProblems, type Organisation } from '$lib/domain/organisations';
import type {
	LocalMeasure,
	LocalMeasureNote,
	LocalMeeting,
	LocalOrganisation,
	YolDatabase
} from './database';
import { content, saveLocally, saveParsed, type SaveResult } from './local-save';

/**
 * Saving the roadmap's records on this device: organisations, measures, notes on the work done,
 * meetings. Like a value, each save writes the record, its outbox entry and its history line in
 * ONE transaction, so a change the screen shows always reaches the server, offline or not.
 */

export type RoadmapSave<T> = SaveResult<T>;

/**
 * An organisation, checked against the others on this device too: two bodies of the same name
 * would be told apart by nobody choosing a responsible body.
 */
export function saveOrganisation(
	db: YolDatabase,
	input: Organisation,
	by: string,
	now: Date = new Date()
): Promise<RoadmapSave<LocalOrganisation>> {
	const candidate = content(input);
	return saveLocally<Organisation, LocalOrganisation>(
		db,
		'organisation',
		db.organisations,
		async () => {
			const all = await db.organisations.toArray();
			const checked = organisationProblems(candidate, all);
			return checked.ok
				? { problems: [], value: checked.value, existing: all.find((o) => o.id === candidate.id) }
				: { problems: checked.problems };
		},
		by,
		now
	);
}

export function saveMeasure(
	db: YolDatabase,
	input: Measure,
	by: string,
	now: Date = new Date()
): Promise<RoadmapSave<LocalMeasure>> {
	return saveParsed<Measure, LocalMeasure>(
		db,
		'measure',
		db.measures,
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
	return saveParsed<MeasureNote, LocalMeasureNote>(
		db,
		'measureNote',
		db.measureNotes,
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
	return saveParsed<Meeting, LocalMeeting>(
		db,
		'meeting',
		db.meetings,
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
