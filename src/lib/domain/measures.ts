import * as v from 'valibot';
import { AREAS } from './areas';
import { fieldProblems, type Parsed } from './indicators';
import type { Decision } from './meetings';
import {
	Id,
	IdList,
	IsoDate,
	LanguageCode,
	RequiredTranslated,
	Text,
	TranslatedText
} from './schema-parts';

/**
 * The roadmap's measures (the action plan's rows) and the dated notes on the work done for them.
 * Both sides of sync parse with these schemas.
 */

/** What a person sets. "delayed" is never stored: it follows from the deadline (deriveStatus). */
export const MEASURE_STATUSES = ['not_started', 'in_progress', 'done'] as const;
export type MeasureStatus = (typeof MEASURE_STATUSES)[number];

/** What a screen shows: the stored status, or delayed when the deadline passed undone. */
export const SHOWN_STATUSES = [...MEASURE_STATUSES, 'delayed'] as const;
export type ShownStatus = (typeof SHOWN_STATUSES)[number];

/** The report's "Mütəmadi": a measure carried out regularly, with no end date. */
export const ONGOING = 'ongoing';

/** "1.2": the chapter, a dot, the measure's place in it. */
export const MEASURE_NUMBER_PATTERN = /^[1-9]\d{0,2}\.[1-9]\d{0,2}$/;

const Deadline = v.union(
	[v.literal(ONGOING), IsoDate('deadline')],
	'deadline must be a date like 2026-12-31 or "ongoing"'
);

export const MeasureSchema = v.pipe(
	v.object({
		id: Id('id'),
		chapter: v.pipe(
			v.number('chapter must be a number'),
			v.integer('chapter must be a whole number'),
			v.minValue(1, 'chapter must be 1 or more'),
			v.maxValue(999, 'chapter must be at most 999')
		),
		chapterTitle: TranslatedText('chapterTitle', 300),
		number: v.pipe(
			v.string('number must be text'),
			v.regex(MEASURE_NUMBER_PATTERN, 'number must be the chapter, a dot and a number, like 1.2')
		),
		area: v.nullable(v.picklist(AREAS, `area must be one of ${AREAS.join(', ')} or empty`)),
		title: RequiredTranslated('title', 2000),
		deadline: Deadline,
		responsibleBodyIds: v.pipe(
			IdList('responsibleBodyIds'),
			v.minLength(1, 'responsibleBodyIds must name at least one organisation')
		),
		status: v.picklist(MEASURE_STATUSES, `status must be one of ${MEASURE_STATUSES.join(', ')}`),
		indicatorIds: IdList('indicatorIds')
	}),
	v.forward(
		v.check(
			(m) => !MEASURE_NUMBER_PATTERN.test(m.number) || m.number.split('.')[0] === String(m.chapter),
			'number must start with its chapter'
		),
		['number']
	)
);

export type Measure = v.InferOutput<typeof MeasureSchema>;

export const MeasureNoteSchema = v.object({
	id: Id('id'),
	measureId: Id('measureId'),
	/** The day the work was done (not the day it was typed). */
	date: IsoDate('date'),
	text: v.pipe(
		Text('text', 10_000),
		v.check((t) => t.trim() !== '', 'text is empty')
	),
	/** The language the note is written in: notes are not translated, the report marks them. */
	lang: LanguageCode('lang'),
	authorName: v.pipe(
		Text('authorName', 200),
		v.check((t) => t.trim() !== '', 'authorName is empty')
	),
	organisationId: v.nullable(Id('organisationId')),
	createdAt: v.pipe(
		v.string('createdAt must be text'),
		v.isoTimestamp('createdAt must be an ISO timestamp')
	)
});

export type MeasureNote = v.InferOutput<typeof MeasureNoteSchema>;

export function parseMeasure(input: unknown): Parsed<Measure> {
	const result = v.safeParse(MeasureSchema, input);
	return result.success
		? { ok: true, value: result.output }
		: { ok: false, problems: fieldProblems(result.issues) };
}

export function parseMeasureNote(input: unknown): Parsed<MeasureNote> {
	const result = v.safeParse(MeasureNoteSchema, input);
	return result.success
		? { ok: true, value: result.output }
		: { ok: false, problems: fieldProblems(result.issues) };
}

/**
 * The status to show on `today` (a date like 2026-11-23): a measure past its deadline and not
 * done is delayed, whatever was last set; an ongoing one is never delayed. The deadline day
 * itself still counts as in time.
 */
export function deriveStatus(
	measure: Pick<Measure, 'status' | 'deadline'>,
	today: string
): ShownStatus {
	if (measure.status === 'done') return 'done';
	if (measure.deadline !== ONGOING && measure.deadline < today) return 'delayed';
	return measure.status;
}

/** "1.2" before "1.10" before "2.1": the parts compared as numbers. */
export function compareMeasureNumbers(a: string, b: string): number {
	const pa = a.split('.').map(Number);
	const pb = b.split('.').map(Number);
	for (let i = 0; i < Math.max(pa.length, pb.length); i += 1) {
		const d = (pa[i] ?? 0) - (pb[i] ?? 0);
		if (d !== 0) return d;
	}
	return 0;
}

/** Chapters in order, measures by number within them. */
export function sortMeasures<T extends Pick<Measure, 'chapter' | 'number'>>(
	list: readonly T[]
): T[] {
	return [...list].sort(
		(a, b) => a.chapter - b.chapter || compareMeasureNumbers(a.number, b.number)
	);
}

/** The next free number in a chapter: "2.4" after 2.1–2.3. */
export function nextMeasureNumber(
	list: readonly Pick<Measure, 'chapter' | 'number'>[],
	chapter: number
): string {
	const used = list
		.filter((m) => m.chapter === chapter)
		.map((m) => Number(m.number.split('.')[1] ?? 0));
	return `${chapter}.${Math.max(0, ...used) + 1}`;
}

/**
 * A new measure, ready for the form: in the last chapter, with the next free number. Made from a
 * meeting's decision or recommendation, it takes the decision's words (in every language it has),
 * its owner as the responsible body and its due date as the deadline; the owner is asked to act,
 * so what the meeting agreed becomes a row of the next report.
 */
export function newMeasure(
	measures: readonly Measure[],
	id: string,
	decision?: Pick<Decision, 'text' | 'ownerId' | 'dueDate'>
): Measure {
	const chapter = Math.max(1, ...measures.map((m) => m.chapter));
	const sibling = measures.find((m) => m.chapter === chapter);
	return {
		id,
		chapter,
		chapterTitle: sibling ? { ...sibling.chapterTitle } : { az: '', en: '', ru: '' },
		number: nextMeasureNumber(measures, chapter),
		area: null,
		title: decision ? { ...decision.text } : { az: '', en: '', ru: '' },
		deadline: decision?.dueDate ?? ONGOING,
		responsibleBodyIds: decision ? [decision.ownerId] : [],
		status: 'not_started',
		indicatorIds: []
	};
}

/** Today as a calendar date, for deriveStatus. */
export function todayIso(now: Date = new Date()): string {
	return now.toISOString().slice(0, 10);
}
