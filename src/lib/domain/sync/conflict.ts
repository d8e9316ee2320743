import * as v from 'valibot';
import type { Actor } from '../auth';
import { LANGUAGES, type Language } from '../languages';

/**
 * A value conflict as every side sees it: the server writes it, devices pull it like any record
 * (entity 'conflict'), and a person resolves it on a tablet. Shared so the server, the engine and
 * the review screen agree on one shape and one set of rules.
 *
 * "Yours" is the edit the server set aside (it arrived second, from the same base); "theirs" is
 * the version the server kept. The names follow the set-aside author's point of view because that
 * is who most often reviews; the review screen words them for other readers.
 */

export const RESOLUTION_CHOICES = ['yours', 'theirs', 'other'] as const;
export type ResolutionChoice = (typeof RESOLUTION_CHOICES)[number];

/** The fields of a value a conflict can be about (what saveValue lets a person change). */
export const CONFLICT_FIELDS = ['value', 'comment'] as const;
export type ConflictField = (typeof CONFLICT_FIELDS)[number];

const Side = v.object({
	value: v.nullable(v.number()),
	comment: v.string(),
	/** The language that version's comment was typed in, when the device said. */
	commentLang: v.optional(v.picklist(LANGUAGES)),
	/** updatedBy of that version: the user id of who typed it, as the server's session knew them. */
	by: v.string(),
	at: v.string(),
	deviceId: v.string(),
	/**
	 * Who that is and where the version came from, stamped by the server when it keeps the
	 * conflict, so a tablet can tell the two versions apart without a list of people: the
	 * author's name and organisation, and the name its user gave the tablet. Absent from
	 * conflicts kept before servers stamped them.
	 */
	byName: v.optional(v.string()),
	byOrganisation: v.optional(v.string()),
	deviceName: v.optional(v.string()),
	/** The server revision of the version (theirs) or the base it was made on (yours). */
	rev: v.number()
});
export type ConflictSide = v.InferOutput<typeof Side>;

export const ConflictRecordSchema = v.object({
	id: v.string(),
	entity: v.literal('value'),
	/** The value's id, and where it sits, so a list can name it without the value at hand. */
	entityId: v.string(),
	indicatorId: v.string(),
	locationId: v.string(),
	period: v.string(),
	cell: v.string(),
	fields: v.array(v.picklist(CONFLICT_FIELDS)),
	yours: Side,
	theirs: Side,
	createdAt: v.string(),
	resolvedAt: v.nullable(v.string()),
	resolvedBy: v.nullable(v.string()),
	resolution: v.nullable(v.picklist(RESOLUTION_CHOICES)),
	/** The value the resolution kept (null while open, or when the resolution cleared the cell). */
	resolvedValue: v.nullable(v.number())
});
export type ConflictRecord = v.InferOutput<typeof ConflictRecordSchema>;

export type ParsedConflict =
	| { ok: true; value: ConflictRecord }
	| { ok: false; problems: { field: string; message: string }[] };

export function parseConflict(input: unknown): ParsedConflict {
	const result = v.safeParse(ConflictRecordSchema, input);
	return result.success
		? { ok: true, value: result.output }
		: {
				ok: false,
				problems: result.issues.map((i) => ({
					field: v.getDotPath(i) ?? '',
					message: i.message
				}))
			};
}

/** What a resolution mutation carries beside the value it writes. */
export const ResolvesSchema = v.object({
	conflictId: v.pipe(v.string(), v.regex(/^[A-Za-z0-9][A-Za-z0-9_-]{1,63}$/, 'is not an id')),
	choice: v.picklist(RESOLUTION_CHOICES, `choice must be one of ${RESOLUTION_CHOICES.join(', ')}`)
});
export type Resolves = v.InferOutput<typeof ResolvesSchema>;

/**
 * Who sees a conflict: the two people whose edits clashed (so nobody's work disappears without
 * them hearing of it) and the working group's coordinators and admins, who settle disputes for
 * everyone. Other caseworkers and partner members do not: a conflict is work in progress, not data.
 * The place scope (a caseworker's districts) is applied separately, in SQL, like for values.
 */
export function canSeeConflict(
	actor: Pick<Actor, 'role' | 'userId'>,
	conflict: Pick<ConflictRecord, 'yours' | 'theirs'>
): boolean {
	if (actor.role === 'coordinator' || actor.role === 'admin') return true;
	return conflict.yours.by === actor.userId || conflict.theirs.by === actor.userId;
}

export function isOpen(conflict: Pick<ConflictRecord, 'resolvedAt'>): boolean {
	return conflict.resolvedAt === null;
}

/**
 * The value and comment a resolution writes. `current` is the value as the device now holds it
 * (the kept version, or newer): fields the conflict is not about stay as they are there, so a
 * resolution never undoes an edit it was not asked about. 'other' replaces the value with the
 * typed number and keeps the comment in conflict from the kept version.
 */
/** What a resolution writes into the value: the comment's language goes with the comment. */
export interface ResolvedFields {
	value: number | null;
	comment: string;
	commentLang?: Language | undefined;
}

export function resolvedFields(
	conflict: Pick<ConflictRecord, 'fields' | 'yours' | 'theirs'>,
	current: ResolvedFields,
	choice: ResolutionChoice,
	other: number | null = null
): ResolvedFields {
	const commentFrom = (side: ConflictSide): Pick<ResolvedFields, 'comment' | 'commentLang'> =>
		conflict.fields.includes('comment')
			? { comment: side.comment, commentLang: side.comment ? side.commentLang : undefined }
			: { comment: current.comment, commentLang: current.commentLang };
	const pick = (side: ConflictSide): ResolvedFields => ({
		value: conflict.fields.includes('value') ? side.value : current.value,
		...commentFrom(side)
	});
	if (choice === 'yours') return pick(conflict.yours);
	if (choice === 'theirs') return pick(conflict.theirs);
	return { value: other, ...commentFrom(conflict.theirs) };
}

/**
 * Why a resolution cannot apply, or undefined when it can. The server checks this in the same
 * transaction that writes the value: a second resolution of one conflict (two coordinators, or a
 * tablet that resolved offline) is refused with who settled it, never turned into a new conflict.
 */
export function resolutionProblem(
	conflict:
		Pick<ConflictRecord, 'entityId' | 'resolvedAt' | 'resolvedBy' | 'resolution'> | undefined,
	mutation: { entityId: string; conflictId: string }
): string | undefined {
	if (!conflict) return `resolves: there is no conflict ${mutation.conflictId}`;
	if (conflict.entityId !== mutation.entityId) {
		return `resolves: conflict ${mutation.conflictId} is not about value ${mutation.entityId}`;
	}
	if (conflict.resolvedAt !== null) {
		return (
			`resolves: this conflict was already resolved (${conflict.resolution ?? 'unknown'}) ` +
			`by ${conflict.resolvedBy ?? 'someone'} at ${conflict.resolvedAt}; their choice stands`
		);
	}
	return undefined;
}
