import * as v from 'valibot';
import { reportReach } from '$lib/http/reach';
import { ActorSchema, type Actor } from '$lib/domain/auth';
import { obeyWipeOrder } from '$lib/http/wipe-order';

/**
 * The device's calls to the server's account endpoints. Every outcome is a value, never a
 * throw, so the screens can put each one into words at the right field.
 */
type Fetch = typeof fetch;

export type SignInFailure =
	| { kind: 'wrong' }
	| { kind: 'disabled' }
	/** Too many attempts: `retryAt` when the server said (Retry-After). */
	| { kind: 'throttled'; retryAt: Date | null }
	| { kind: 'offline' }
	/** A 400 naming a field (empty username …), or any other answer, in the server's words. */
	| { kind: 'invalid'; field: string | null; message: string }
	| { kind: 'server'; message: string };

export type SignInResult = { ok: true; actor: Actor } | { ok: false; failure: SignInFailure };

const ErrorBodySchema = v.object({ error: v.string(), field: v.optional(v.string()) });
const ActorBodySchema = v.object({ actor: ActorSchema });

async function readJson(response: Response): Promise<unknown> {
	try {
		return await response.json();
	} catch {
		return undefined;
	}
}

/** Retry-After is either seconds or an HTTP date. */
export function retryAtFrom(header: string | null, now: Date = new Date()): Date | null {
	if (!header) return null;
	const seconds = Number(header);
	if (Number.isFinite(seconds) && seconds >= 0) return new Date(now.getTime() + seconds * 1000);
	const date = new Date(header);
	return Number.isNaN(date.getTime()) ? null : date;
}

export interface SignInRequest {
	username: string;
	password: string;
	deviceId?: string;
}

export async function signInRequest(
	body: SignInRequest,
	fetchFn: Fetch = (...args) => fetch(...args)
): Promise<SignInResult> {
	let response: Response;
	try {
		response = await fetchFn('/api/auth/login', {
			method: 'POST',
			credentials: 'same-origin',
			headers: { 'content-type': 'application/json', accept: 'application/json' },
			body: JSON.stringify(body)
		});
	} catch {
		reportReach(false);
		return { ok: false, failure: { kind: 'offline' } };
	}
	reportReach(true);
	const json = await readJson(response);
	if (response.ok) {
		const parsed = v.safeParse(ActorBodySchema, json);
		return parsed.success
			? { ok: true, actor: parsed.output.actor }
			: { ok: false, failure: { kind: 'server', message: 'unexpected answer' } };
	}
	if (response.status === 401) return { ok: false, failure: { kind: 'wrong' } };
	if (response.status === 403) return { ok: false, failure: { kind: 'disabled' } };
	if (response.status === 429) {
		return {
			ok: false,
			failure: { kind: 'throttled', retryAt: retryAtFrom(response.headers.get('retry-after')) }
		};
	}
	const error = v.safeParse(ErrorBodySchema, json);
	const message = error.success ? error.output.error : `HTTP ${response.status}`;
	if (response.status === 400 || response.status === 422) {
		return {
			ok: false,
			failure: {
				kind: 'invalid',
				field: error.success ? (error.output.field ?? null) : null,
				message
			}
		};
	}
	return { ok: false, failure: { kind: 'server', message } };
}

export type MeResult =
	{ kind: 'actor'; actor: Actor } | { kind: 'signed_out' } | { kind: 'offline' };

/** Who the server says this device's session belongs to. */
export async function fetchMe(
	fetchFn: Fetch = (...args) => fetch(...args),
	timeoutMs = 10_000
): Promise<MeResult> {
	let response: Response;
	try {
		response = await fetchFn('/api/auth/me', {
			credentials: 'same-origin',
			headers: { accept: 'application/json' },
			cache: 'no-store',
			signal: AbortSignal.timeout(timeoutMs)
		});
	} catch {
		reportReach(false);
		return { kind: 'offline' };
	}
	reportReach(true);
	if (response.status === 401 || response.status === 403) return { kind: 'signed_out' };
	const body = await readJson(response);
	// A device marked lost: wiped here when the server says so (wipe-order.ts).
	if (await obeyWipeOrder(response.status, body)) return { kind: 'signed_out' };
	if (!response.ok) return { kind: 'offline' }; // a proxy's error page: try again later
	const parsed = v.safeParse(ActorBodySchema, body);
	return parsed.success ? { kind: 'actor', actor: parsed.output.actor } : { kind: 'offline' };
}

/** Ends the session on the server; false when the server could not be reached. */
export async function signOutRequest(
	fetchFn: Fetch = (...args) => fetch(...args)
): Promise<boolean> {
	try {
		const response = await fetchFn('/api/auth/logout', {
			method: 'POST',
			credentials: 'same-origin'
		});
		reportReach(true);
		return response.ok || response.status === 401;
	} catch {
		reportReach(false);
		return false;
	}
}
