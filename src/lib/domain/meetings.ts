import * as v from 'valibot';
import { fieldProblems, type Parsed } from './indicators';
import { Id, IdList, IsoDate, RequiredTranslated, Text, TranslatedText } from './schema-parts';

/**
 * Working-group meetings: who met, the agenda with its minutes, and the decisions and
 * recommendations with an owner, a due date and a status. Free text is Translated: the secretary
 * writes it in the language of the meeting, a translator may add the others later, and screens
 * mark text shown in another language than the reader's.
 */

/** The two working groups of the source documents. */
export const WORKING_GROUPS = ['integration', 'reintegration'] as const;
export type WorkingGroup = (typeof WORKING_GROUPS)[number];

export const DECISION_STATUSES = ['open', 'done'] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];

export const AgendaItemSchema = v.object({
	id: Id('id'),
	title: RequiredTranslated('title', 500),
	minutes: TranslatedText('minutes', 20_000)
});
export type AgendaItem = v.InferOutput<typeof AgendaItemSchema>;

export const DecisionSchema = v.object({
	id: Id('id'),
	text: RequiredTranslated('text', 4000),
	ownerId: Id('ownerId'),
	dueDate: v.nullable(IsoDate('dueDate')),
	status: v.picklist(DECISION_STATUSES, 'status must be open or done'),
	/** The measure this recommendation became, once it did. */
	measureId: v.nullable(Id('measureId'))
});
export type Decision = v.InferOutput<typeof DecisionSchema>;

function uniqueIds<T extends { id: string }>(items: T[]): boolean {
	return new Set(items.map((i) => i.id)).size === items.length;
}

export const MeetingSchema = v.object({
	id: Id('id'),
	group: v.picklist(WORKING_GROUPS, `group must be one of ${WORKING_GROUPS.join(', ')}`),
	number: v.pipe(
		v.number('number must be a number'),
		v.integer('number must be a whole number'),
		v.minValue(1, 'number must be 1 or more'),
		// Groups meet a few times a year: four digits last for centuries.
		v.maxValue(9999, 'number must be at most 9999')
	),
	date: IsoDate('date'),
	title: TranslatedText('title', 500),
	place: TranslatedText('place', 300),
	chair: Text('chair', 200),
	organisationIds: IdList('organisationIds'),
	/** People present, one "Name (organisation)" a line: few enough to need no register. */
	participants: v.pipe(
		v.array(Text('participants', 200), 'participants must be a list'),
		v.maxLength(200, 'participants lists more than 200 people')
	),
	agenda: v.pipe(
		v.array(AgendaItemSchema, 'agenda must be a list'),
		v.check((items) => uniqueIds(items), 'agenda repeats an item id')
	),
	decisions: v.pipe(
		v.array(DecisionSchema, 'decisions must be a list'),
		v.check((items) => uniqueIds(items), 'decisions repeat a decision id')
	)
});
export type Meeting = v.InferOutput<typeof MeetingSchema>;

export function parseMeeting(input: unknown): Parsed<Meeting> {
	const result = v.safeParse(MeetingSchema, input);
	return result.success
		? { ok: true, value: result.output }
		: { ok: false, problems: fieldProblems(result.issues) };
}

/** Oldest first; within a day, by number. */
export function sortMeetings<T extends Pick<Meeting, 'date' | 'number'>>(list: readonly T[]): T[] {
	return [...list].sort((a, b) => a.date.localeCompare(b.date) || a.number - b.number);
}

export interface FollowUp {
	decision: Decision;
	meetingId: string;
	meetingNumber: number;
	meetingDate: string;
}

/**
 * The follow-ups a meeting's agenda carries: every decision of the same working group's earlier
 * meetings that is still open, oldest meeting first. An open decision keeps coming back until
 * someone marks it done, so nothing agreed is lost between meetings. Pass `before` as the date of
 * the meeting being prepared (or a meeting, to leave out itself and later ones).
 */
export function carriedOver(
	meetings: readonly Meeting[],
	group: WorkingGroup,
	before: string | Pick<Meeting, 'id' | 'date' | 'number'>
): FollowUp[] {
	const isEarlier = (m: Meeting) =>
		typeof before === 'string'
			? m.date < before
			: m.id !== before.id &&
				(m.date < before.date || (m.date === before.date && m.number < before.number));
	return sortMeetings(meetings.filter((m) => m.group === group && isEarlier(m))).flatMap((m) =>
		m.decisions
			.filter((d) => d.status === 'open')
			.map((decision) => ({
				decision,
				meetingId: m.id,
				meetingNumber: m.number,
				meetingDate: m.date
			}))
	);
}

/** The number the group's next meeting takes. */
export function nextMeetingNumber(meetings: readonly Meeting[], group: WorkingGroup): number {
	return Math.max(0, ...meetings.filter((m) => m.group === group).map((m) => m.number)) + 1;
}
