import * as v from 'valibot';
import { reportReach } from '$lib/http/reach';
import {
	CLIENT_SCHEMA_VERSION,
	PROTOCOL_VERSION,
	PullResponseSchema,
	PushResponseSchema,
	type PullResponse,
	type PushRequest,
	type PushResponse
} from '$lib/domain/sync/protocol';
import { DeviceLostError, obeyWipeOrder } from '$lib/http/wipe-order';

/** How the engine talks to the server; the tests give it an in-memory server instead. */
export interface SyncTransport {
	/** `encoded`, when given, is `request` as JSON already (the engine measured it so). */
	push(request: PushRequest, encoded?: string): Promise<PushResponse>;
	pull(after: number, limit: number): Promise<PullResponse>;
}

/** The server no longer speaks this app's protocol (426): the outbox waits for an update. */
export class UpdateRequiredError extends Error {
	constructor(message = 'Update the app to sync') {
		super(message);
		this.name = 'UpdateRequiredError';
	}
}

/**
 * The server no longer accepts this device's session (401: expired, revoked, or signed out
 * elsewhere). Nothing local is lost: the outbox waits until the user signs in again.
 */
export class SessionEndedError extends Error {
	constructor(message = 'Sign in again to sync') {
		super(message);
		this.name = 'SessionEndedError';
	}
}

/** No answer at all: no network, or the connection dropped before the answer arrived. */
export class OfflineError extends Error {
	constructor(cause?: unknown) {
		super('No connection to the server', { cause });
		this.name = 'OfflineError';
	}
}

/** The server answered with an error status; `message` is the server's own words. */
export class SyncHttpError extends Error {
	constructor(
		readonly status: number,
		message: string,
		readonly field?: string
	) {
		super(message);
		this.name = 'SyncHttpError';
	}
}

/** The server answered 2xx with a body that is not the protocol's message. */
export class BadResponseError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'BadResponseError';
	}
}

const ErrorBodySchema = v.object({ error: v.string(), field: v.optional(v.string()) });

type Fetch = typeof fetch;

async function send<T>(
	fetchFn: Fetch,
	url: string,
	init: RequestInit & { encoding?: 'gzip' },
	schema: v.GenericSchema<unknown, T>
): Promise<T> {
	const { encoding, ...rest } = init;
	let response: Response;
	try {
		response = await fetchFn(url, {
			...rest,
			credentials: 'same-origin',
			headers: {
				accept: 'application/json',
				...(init.body ? { 'content-type': 'application/json' } : {}),
				...(encoding ? { 'content-encoding': encoding } : {})
			}
		});
	} catch (error) {
		reportReach(false);
		throw new OfflineError(error);
	}
	reportReach(true);
	let body: unknown;
	try {
		body = await response.json();
	} catch (error) {
		// The body was cut off (connection lost) or is not JSON (a proxy's page).
		if (response.ok) throw new OfflineError(error);
		body = undefined;
	}
	// A device marked lost: wiped here when the server says so (wipe-order.ts), and stopped.
	const lost = await obeyWipeOrder(response.status, body);
	if (lost) throw new DeviceLostError(lost);
	if (response.status === 426) {
		const parsed = v.safeParse(ErrorBodySchema, body);
		throw new UpdateRequiredError(parsed.success ? parsed.output.error : undefined);
	}
	if (response.status === 401) {
		const parsed = v.safeParse(ErrorBodySchema, body);
		throw new SessionEndedError(parsed.success ? parsed.output.error : undefined);
	}
	if (!response.ok) {
		const parsed = v.safeParse(ErrorBodySchema, body);
		throw parsed.success
			? new SyncHttpError(response.status, parsed.output.error, parsed.output.field)
			: new SyncHttpError(response.status, `HTTP ${response.status}`);
	}
	const parsed = v.safeParse(schema, body);
	if (!parsed.success) {
		throw new BadResponseError(
			`unexpected answer from ${url}: ${parsed.issues.map((i) => i.message).join('; ')}`
		);
	}
	return parsed.output;
}

/** What a pull says of its device: its id and how many changes it has not sent. */
export interface DeviceReport {
	id: string;
	pending: number;
}

/** Pushes this long and longer go gzipped: a few changes would save less than a packet. */
export const GZIP_PUSH_FROM = 1024;

/** `text` gzipped by the browser's own CompressionStream, or undefined where there is none. */
async function gzip(text: string): Promise<Uint8Array<ArrayBuffer> | undefined> {
	if (typeof CompressionStream === 'undefined') return undefined;
	try {
		const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
		return new Uint8Array(await new Response(stream).arrayBuffer());
	} catch {
		return undefined;
	}
}

/**
 * The real transport: the app's own origin, with the session cookie. Pushes go gzipped (a push of
 * 1,000 changes, 419 KB, goes as 60 KB, which a slow field connection feels); a server from before
 * compressed pushes answers 415, having stored nothing, and this transport sends plain JSON from
 * then on. Pulls come compressed by the browser's own Accept-Encoding.
 */
export function fetchTransport(
	fetchFn: Fetch = (...args) => fetch(...args),
	report?: () => Promise<DeviceReport>
): SyncTransport {
	let plainOnly = false;
	return {
		async push(request, encoded) {
			const json = encoded ?? JSON.stringify(request);
			const packed = !plainOnly && json.length >= GZIP_PUSH_FROM ? await gzip(json) : undefined;
			if (packed) {
				try {
					return await send(
						fetchFn,
						'/api/sync/push',
						{ method: 'POST', body: packed, encoding: 'gzip' },
						PushResponseSchema
					);
				} catch (error) {
					if (!(error instanceof SyncHttpError && error.status === 415)) throw error;
					plainOnly = true;
				}
			}
			return send(fetchFn, '/api/sync/push', { method: 'POST', body: json }, PushResponseSchema);
		},
		pull: async (after, limit) => {
			const device = await report?.();
			return send(
				fetchFn,
				// The push body carries both versions; the pull names them in its query, and the
				// device and its unsynced count (the administrator's device list, lost devices).
				`/api/sync/pull?${new URLSearchParams({
					after: String(after),
					limit: String(limit),
					protocol: String(PROTOCOL_VERSION),
					schema: String(CLIENT_SCHEMA_VERSION),
					...(device ? { device: device.id, pending: String(device.pending) } : {})
				})}`,
				{ method: 'GET' },
				PullResponseSchema
			);
		}
	};
}
