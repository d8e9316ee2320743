import * as v from 'valibot';
import { ResolvesSchema } from './conflict';

/**
 * The sync protocol's messages, one schema each, parsed by the server on the way in and by the
 * client on the way back. Bump PROTOCOL_VERSION on any change a deployed client could misread;
 * the server answers older clients 426 "update the app", and their outbox waits for the update.
 */
export const PROTOCOL_VERSION = 5;
/** The device database schema these messages assume (YolDatabase's latest version). */
export const CLIENT_SCHEMA_VERSION = 17;

/**
 * What a change can be about. Version 2 added the roadmap's organisations, measures, measure
 * notes and meetings (a version 1 client has no tables for them and would drop what it pulled).
 * Version 3 added 'conflict' records: written only by the server (a value edit it set aside, then
 * its resolution) and pulled by devices; a device resolves one through a value put carrying
 * `resolves`, never by pushing a 'conflict' itself. Version 4 added the working group's
 * 'setting' records (the small-count threshold), kept by coordinators. Version 5 added the
 * coordinator's validation 'rule' records (domain/rules), which every device checks entries with.
 */
export const ENTITIES = [
	'value',
	'indicator',
	'location',
	'organisation',
	'measure',
	'measureNote',
	'meeting',
	'setting',
	'rule',
	'conflict'
] as const;
export type Entity = (typeof ENTITIES)[number];

const Uuidish = v.pipe(v.string(), v.regex(/^[A-Za-z0-9][A-Za-z0-9_-]{1,63}$/, 'is not an id'));

/**
 * A seq, revision or cursor: a whole number JavaScript holds exactly (up to 2^53 - 1). Above that
 * 1e20 + 1 reads as 1e20, so a counter that jumped there could never move on and every later
 * change would compare as already seen.
 */
export const Counter = (field: string, min = 0) =>
	v.pipe(
		v.number(`${field} must be a number`),
		v.integer(`${field} must be a whole number`),
		v.safeInteger(`${field} must be at most ${Number.MAX_SAFE_INTEGER}`),
		v.minValue(min, min === 0 ? `${field} must not be negative` : `${field} must be ${min} or more`)
	);

/** Whether `value` is a counter as above: for numbers read outside a schema (query strings). */
export function isCounter(value: number, min = 0): boolean {
	return Number.isSafeInteger(value) && value >= min;
}

/**
 * One change made on a device. `seq` is the device's own counter (its outbox key): increasing,
 * never reused, gaps allowed. The server applies a device's mutations in seq order, once each.
 * `baseRev` is the server revision the record had when the change was made on the device (0 for
 * a new record); `changed` names the fields this change touched, so that edits to different
 * fields of one record merge instead of conflicting.
 */
export const MutationSchema = v.object({
	seq: Counter('seq', 1),
	mutationId: Uuidish,
	entity: v.picklist(ENTITIES, `entity must be one of ${ENTITIES.join(', ')}`),
	entityId: Uuidish,
	op: v.picklist(['put', 'delete'], 'op must be put or delete'),
	baseRev: Counter('baseRev'),
	changed: v.array(v.string()),
	data: v.unknown(),
	/**
	 * This value put settles a conflict (the person chose yours, theirs or another value). The
	 * server writes the value and marks the conflict resolved in one transaction, or refuses
	 * both (already resolved elsewhere): a resolution is one change, never half applied.
	 */
	resolves: v.optional(ResolvesSchema)
});
export type Mutation = v.InferOutput<typeof MutationSchema>;

/**
 * Devices also keep a push under a size (sync/push-batch.ts PUSH_BODY_BUDGET) that fits the server's
 * default body limit, which short edits reach at about this count. It was 500: half as many
 * requests, each with its commit and session check, took a push of 10,000 edits from 1.28 s to
 * 0.97 s (docs/benchmarks.md). A server of before answers a larger push 400 (field
 * 'mutations'), and the device then sends fewer at a time.
 */
export const MAX_MUTATIONS_PER_PUSH = 1000;

/** The longest device name a person may give a tablet. */
export const DEVICE_NAME_MAX = 60;

/** A tablet's name as its user gives it (the device's setting and the push's field alike). */
export const DeviceNameSchema = v.pipe(
	v.string('deviceName must be text'),
	v.trim(),
	v.maxLength(DEVICE_NAME_MAX, `deviceName must be at most ${DEVICE_NAME_MAX} characters`)
);

export const PushRequestSchema = v.object({
	protocol: v.number(),
	schema: v.number(),
	deviceId: Uuidish,
	/**
	 * Every seq up to this one is settled on the device for good: it will never send them again,
	 * so the server may drop their answers. Without it the server takes every seq below the
	 * push's first as settled (a device that settles each answer before its next push). A device
	 * that sends its next push while it still writes the last answer down names the seq before
	 * that answer's first: should the tab close first, it sends those changes again, and the
	 * server must still answer them as it did (see `keepsUnsettled`).
	 */
	settledThrough: v.optional(Counter('settledThrough')),
	/**
	 * The name this device's user gave it ("Ganja office tablet 2"), so a conflict can say which
	 * tablet a version came from. Optional: servers keep the last one sent.
	 */
	deviceName: v.optional(DeviceNameSchema),
	/**
	 * How many unsynced changes the device holds as it sends this push, this push's included: the
	 * administrator's device list shows it, and a device marked lost 'push-first' is told to wipe
	 * once none are left. Optional: older apps do not send it.
	 */
	pending: v.optional(Counter('pending')),
	mutations: v.pipe(
		v.array(MutationSchema),
		v.maxLength(MAX_MUTATIONS_PER_PUSH, `at most ${MAX_MUTATIONS_PER_PUSH} mutations per push`)
	)
});
export type PushRequest = v.InferOutput<typeof PushRequestSchema>;

/**
 * What became of one mutation: applied (with the revision it got), merged (applied to the fields
 * it changed, the others kept), duplicate (applied by an earlier push whose answer was lost),
 * conflict (kept beside the record for review, not applied), rejected (can never apply; reason).
 */
export const OUTCOMES = ['applied', 'merged', 'duplicate', 'conflict', 'rejected'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const MutationResultSchema = v.object({
	seq: Counter('seq', 1),
	outcome: v.picklist(OUTCOMES),
	rev: v.optional(Counter('rev')),
	conflictId: v.optional(v.string()),
	reason: v.optional(v.string()),
	/**
	 * With 'rejected': nothing was applied under this seq, and not for anything the change says.
	 * The seq is at or below the device's last seq and the server has no record of this change
	 * under it (a counter that went backwards, or one another push moved ahead), or the change
	 * came after such a seq in the same push and was held back to keep the device's order. The
	 * device sends it again under a seq above `lastSeq`; since the server positively applied
	 * nothing under this seq, the change still applies once. (A seq the server did apply is
	 * answered 'duplicate' from its log, never this.) Devices of before ignore the field and
	 * treat the answer as any refusal.
	 */
	resend: v.optional(v.literal(true))
});
export type MutationResult = v.InferOutput<typeof MutationResultSchema>;

export const PushResponseSchema = v.object({
	results: v.array(MutationResultSchema),
	/** The highest seq the server has applied for this device, after this push. */
	lastSeq: Counter('lastSeq'),
	/**
	 * Sent when the request named `settledThrough`: this server keeps the answer to every seq
	 * above it, so the device may send its next push before it has written this answer down.
	 * Absent from servers of before, which drop every answer below a push's first seq: their
	 * devices write each answer down first.
	 */
	keepsUnsettled: v.optional(v.boolean())
});
export type PushResponse = v.InferOutput<typeof PushResponseSchema>;

/** A record as it now stands on the server, at revision `rev` (tombstones have deleted: true). */
export const ChangeSchema = v.object({
	rev: Counter('rev', 1),
	entity: v.picklist(ENTITIES),
	entityId: v.string(),
	deleted: v.boolean(),
	data: v.unknown()
});
export type Change = v.InferOutput<typeof ChangeSchema>;

export const PULL_PAGE_DEFAULT = 1000;
/** The largest page a server sends (a first sync asks for it; a larger limit is cut to it). */
export const PULL_PAGE_MAX = 20000;

/**
 * The field of a 409 answer to a pull whose cursor is past the server's newest change (a server
 * restored from a backup): the device sets aside what it pulled and pulls again from 0, as on a
 * change of scope, keeping what it has not pushed.
 */
export const PULL_FROM_START = 'after';

/** GET /api/sync/pull?after=<cursor>&limit=<n>: changes with rev > cursor, oldest first. */
export const PullResponseSchema = v.object({
	changes: v.array(ChangeSchema),
	/** The cursor to ask from next time: the last rev returned, or the one asked for. */
	cursor: Counter('cursor'),
	hasMore: v.boolean(),
	/** How many changes remain after this page, for a first sync's progress bar. */
	remaining: v.optional(Counter('remaining')),
	/**
	 * What the user's scope lets through (places, role), as a short key. When it changes, the
	 * records on the device were pulled under another scope: the device sets aside what it may no
	 * longer see (all but its own unsynced changes) and pulls its data again from the start.
	 */
	scope: v.optional(v.string()),
	/**
	 * The server's epoch: a random value that changes when the server is restored from a backup
	 * (migration 010). A device that sees it change keeps and sends again its own acknowledged
	 * edits the server no longer has, and pulls again from the start (sync/restore.ts).
	 * Optional: servers of before send none, and devices of before ignore it.
	 */
	epoch: v.optional(v.string())
});
export type PullResponse = v.InferOutput<typeof PullResponseSchema>;

/** Any 4xx/5xx body: a message a person can act on, and the field at fault when there is one. */
export interface ErrorBody {
	error: string;
	field?: string;
}
