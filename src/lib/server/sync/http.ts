import * as v from 'valibot';
import {
	CLIENT_SCHEMA_VERSION,
	PROTOCOL_VERSION,
	PULL_PAGE_DEFAULT,
	PULL_FROM_START,
	PULL_PAGE_MAX,
	PushRequestSchema
} from '../../domain/sync/protocol';
import type { Actor } from '../../domain/auth';
import { canSeeConflict, type ConflictRecord } from '../../domain/sync/conflict';
import type { Store } from '../db/store';
import { readJson } from '../http/body';
import { ApiProblem, invalid, reply, unexpected } from '../http/problem';
import { pageBody, type PullFilter } from './pull';
import { cachedPage, cachedScope, headAndEpoch } from './pull-cache';
import { pendingAfter, pushFrom } from './push';
import { bindSession, lostAnswer, lostRefusal, lostState, recordPull } from '../auth/devices';
import { countMutations } from '../ops/metrics';

/**
 * The HTTP side of sync, kept out of the route files so tests can drive it on either store:
 * limits, version checks and parsing happen before anything touches the database, and the
 * database work is one transaction, so no error leaves a push half written.
 */

export interface SyncContext {
	store: Store;
	bodyLimit: number;
	/** The signed-in user (hooks refuse a request without one before it gets here). */
	actor: Actor;
	/** The session's id, to tie it to the device it syncs as (auth/devices.ts). */
	sessionId?: string;
	/** The browser's User-Agent, for the administrator's device list. */
	userAgent?: string | null;
}

/** Conflicts go to their two authors and to coordinators (canSeeConflict); the rest as scoped. */
function visibleTo(actor: Actor): PullFilter {
	return (change) =>
		change.entity !== 'conflict' ||
		change.data === null ||
		canSeeConflict(actor, change.data as ConflictRecord);
}

export const TOO_OLD =
	'This version of Yol is too old to sync: update the app. Your unsynced changes stay on this device.';
const TOO_NEW =
	'This server runs an older version of Yol than this app: the server must be updated first. ' +
	'Your unsynced changes stay on this device.';

function problemResponse(error: unknown, what: string): Response {
	if (error instanceof ApiProblem) return reply(error.body, error.status, error.headers);
	return unexpected(error, what, `sync ${what}`);
}

/** POST /api/sync/push */
export async function handlePush(request: Request, context: SyncContext): Promise<Response> {
	try {
		const body = await readJson(
			request,
			context.bodyLimit,
			`The push is larger than ${context.bodyLimit} bytes: send fewer changes at a time.`
		);
		const envelope =
			typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
		checkVersions(envelope.protocol, envelope.schema);
		const parsed = v.safeParse(PushRequestSchema, body);
		if (!parsed.success) throw invalid(parsed.issues);
		const pushed = parsed.output;
		const { response, lost } = await pushFrom(context.store, pushed, context.actor, new Date(), {
			sessionId: context.sessionId,
			userAgent: context.userAgent
		});
		// A lost device (auth/devices.ts): 'wipe-now' had nothing applied; 'push-first' had this
		// push applied, and is told to wipe once it says nothing is left.
		if (!response) return lostAnswer(true);
		countMutations(response.results);
		if (lost && (pendingAfter(pushed) ?? 0) === 0) return lostAnswer(true);
		return reply(response);
	} catch (error) {
		return problemResponse(error, 'take this push');
	}
}

const Count = (field: string, fallback: number) =>
	v.pipe(
		v.optional(v.string(), String(fallback)),
		v.regex(/^\d{1,15}$/, `${field} must be a whole number of 0 or more`),
		v.transform(Number)
	);

const PullQuerySchema = v.object({
	after: Count('after', 0),
	limit: v.pipe(Count('limit', PULL_PAGE_DEFAULT), v.minValue(1, 'limit must be 1 or more')),
	protocol: v.pipe(v.string('protocol is missing'), v.regex(/^\d+$/, 'protocol must be a number')),
	schema: v.pipe(v.string('schema is missing'), v.regex(/^\d+$/, 'schema must be a number')),
	/** The device pulling, and its unsynced changes: optional (older apps send neither). */
	device: v.optional(
		v.pipe(v.string(), v.regex(/^[A-Za-z0-9][A-Za-z0-9_-]{1,63}$/, 'device is not an id'))
	),
	pending: v.optional(
		v.pipe(
			v.string(),
			v.regex(/^\d{1,9}$/, 'pending must be a whole number of 0 or more'),
			v.transform(Number)
		)
	)
});

/** GET /api/sync/pull?after=&limit=&protocol=&schema= */
export async function handlePull(url: URL, context: SyncContext): Promise<Response> {
	try {
		const query = Object.fromEntries(url.searchParams);
		if (query.protocol !== undefined || query.schema !== undefined) {
			checkVersions(Number(query.protocol), Number(query.schema));
		}
		const parsed = v.safeParse(PullQuerySchema, query);
		if (!parsed.success) throw invalid(parsed.issues);
		const { after, limit, device, pending } = parsed.output;
		const { store, actor } = context;
		if (device !== undefined) {
			await bindSession(store, context.sessionId, device);
			const lost = await lostState(store, device);
			if (lost) return lostRefusal(lost, pending);
			const at = new Date().toISOString();
			await recordPull(store, actor.userId, device, pending, context.userAgent ?? null, at);
		}
		const { head, epoch } = await headAndEpoch(store);
		if (after > head) throw cursorAhead(after, head);
		const scope = await cachedScope(store, actor, head);
		// A page larger than the maximum is cut to it: hasMore tells the device to ask again.
		const page = await cachedPage(
			store,
			head,
			after,
			Math.min(limit, PULL_PAGE_MAX),
			scope,
			actor.role
		);
		// The stored records' JSON as it is, not parsed and written again (see pull.ts).
		const body = pageBody(page, visibleTo(actor), epoch);
		return new Response(body, {
			headers: {
				'content-type': 'application/json',
				'content-length': String(body.byteLength),
				'cache-control': 'no-store'
			}
		});
	} catch (error) {
		return problemResponse(error, 'send changes');
	}
}

/**
 * A cursor past the newest revision was never handed out by this server as it now stands (it
 * was restored from a backup, or the device is wrong). An empty page would leave the device
 * waiting there for good, missing every change up to its cursor: it is told to pull again from
 * the start instead (PULL_FROM_START), keeping what it has not pushed.
 */
function cursorAhead(after: number, head: number): ApiProblem {
	return new ApiProblem(409, {
		error: `after: ${after} is past this server's newest change ${head}: pull again from the start.`,
		field: PULL_FROM_START
	});
}

/** Older clients get 426 (their outbox waits for the update); newer ones wait for the server. */
function checkVersions(protocol: unknown, schema: unknown): void {
	if (
		(typeof protocol === 'number' && protocol < PROTOCOL_VERSION) ||
		(typeof schema === 'number' && schema < CLIENT_SCHEMA_VERSION)
	) {
		throw new ApiProblem(426, { error: TOO_OLD });
	}
	if (typeof protocol === 'number' && protocol > PROTOCOL_VERSION) {
		throw new ApiProblem(400, { error: TOO_NEW, field: 'protocol' });
	}
	if (typeof schema === 'number' && schema > CLIENT_SCHEMA_VERSION) {
		throw new ApiProblem(400, { error: TOO_NEW, field: 'schema' });
	}
}
