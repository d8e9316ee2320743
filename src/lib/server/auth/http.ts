import { LoginSchema, SESSION_ENDED, type Actor } from '../../domain/auth';
import type { Store } from '../db/store';
import { readJson } from '../http/body';
import { ApiProblem, answer, parseBody, problem, reply } from '../http/problem';
import { lostRefusal, pushAllowed } from './devices';
import { checkPassword } from './passwords';
import {
	clearedCookie,
	createSession,
	findSession,
	revokeSession,
	sessionCookie,
	tokenFrom,
	type Session
} from './sessions';
import { clearFailures, recordFailure, refusal, throttleKeys, type Refusal } from './throttle';
import { findUserByName } from './users';

/**
 * Sign-in, sign-out and the gate every /api request passes (hooks.server.ts calls `gateApi`).
 * Plain Request → Response functions, so tests drive them on either store without a server.
 */

export const WRONG_CREDENTIALS = 'Wrong username or password.';
export const DISABLED =
	'This account is disabled. Ask an administrator of the working group to enable it.';
/** Sign-in and admin bodies are small; anything bigger is not a sign-in. */
export const SMALL_BODY_LIMIT = 16 * 1024;

/** /api paths answered without a session (each decides itself what a missing session means). */
const PUBLIC_PATHS = new Set([
	'/api/health',
	'/api/auth/login',
	'/api/auth/logout',
	'/api/auth/me'
]);

/** The pending count a pull names in its query (`pending=`), if any. */
function pendingOf(url: URL): number | undefined {
	const raw = url.pathname === '/api/sync/pull' ? url.searchParams.get('pending') : null;
	return raw !== null && /^\d{1,9}$/.test(raw) ? Number(raw) : undefined;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface Gate {
	/** Set when the request is refused before any route runs. */
	response?: Response;
	actor?: Actor;
	session?: Session;
}

/**
 * Every /api request: refuses cross-site writes (SvelteKit's own CSRF check covers form posts
 * only, not JSON), finds the session from the cookie, and refuses a request without a valid one
 * unless its path is public.
 */
export async function gateApi(
	request: Request,
	url: URL,
	store: Store,
	now = new Date()
): Promise<Gate> {
	if (!SAFE_METHODS.has(request.method)) {
		const refused = crossSite(request, url);
		if (refused) return { response: refused };
	}
	const found = await findSession(store, tokenFrom(request), now);
	if (!found && !PUBLIC_PATHS.has(url.pathname)) return { response: problem(401, SESSION_ENDED) };
	const lost = found?.session.lost;
	// A lost device: every request refused at once (410, with the wipe order when due), but for
	// signing out, and a push in 'push-first', which the push itself decides (sync/http.ts).
	if (lost && url.pathname !== '/api/auth/logout') {
		if (!(url.pathname === '/api/sync/push' && pushAllowed(lost))) {
			return { response: lostRefusal(lost, pendingOf(url)) };
		}
	}
	return found ?? {};
}

/**
 * Compares hosts, not whole origins: adapter-node takes every request for https unless ORIGIN or
 * PROTOCOL_HEADER is set, so the scheme of `url` cannot be trusted behind a plain http setup.
 */
function crossSite(request: Request, url: URL): Response | undefined {
	const origin = request.headers.get('origin');
	const site = request.headers.get('sec-fetch-site');
	if (site === 'cross-site' || (origin !== null && hostOf(origin) !== url.host)) {
		return problem(403, 'Requests from other sites are refused.');
	}
	return undefined;
}

function hostOf(origin: string): string | undefined {
	try {
		return new URL(origin).host;
	} catch {
		return undefined;
	}
}

/**
 * Whether the browser reached us over https, for the cookie's Secure flag: the scheme of the
 * Origin the browser sends with every POST, else of the URL (see crossSite for why not the URL
 * first). A Secure cookie over plain http would never come back, so this must not guess https.
 */
export function overHttps(request: Request, url: URL): boolean {
	const origin = request.headers.get('origin');
	if (origin !== null) return origin.startsWith('https:');
	return url.protocol === 'https:';
}

export interface SignInContext {
	store: Store;
	/** The client's address, for per-address throttling and the session list. */
	address: string;
	/** Whether the request came over https: the cookie is then Secure. */
	secure: boolean;
	now?: Date;
}

/** POST /api/auth/login */
export function handleLogin(request: Request, context: SignInContext): Promise<Response> {
	return answer('sign you in', async () => {
		const now = context.now ?? new Date();
		const body = parseBody(LoginSchema, await readJson(request, SMALL_BODY_LIMIT));
		const keys = throttleKeys(body.username, context.address);
		const store = context.store;
		const refused = await refusal(store, keys, now);
		if (refused) throw tooManyAttempts(refused, now);

		const user = await findUserByName(store, body.username);
		const ok = await checkPassword(user?.password_hash, body.password);
		if (!user || !ok) {
			await recordFailure(store, keys, now);
			throw new ApiProblem(401, { error: WRONG_CREDENTIALS });
		}
		await clearFailures(store, keys);
		if (user.disabled === 1) throw new ApiProblem(403, { error: DISABLED });

		const { session, token } = await createSession(store, user, {
			deviceId: body.deviceId,
			address: context.address,
			userAgent: request.headers.get('user-agent'),
			now
		});
		const { actor } = (await findSession(store, token, now)) ?? {};
		if (!actor) throw new Error('a session just created was not found');
		return reply({ actor }, 200, {
			'Set-Cookie': sessionCookie(token, session.expiresAt, context.secure)
		});
	});
}

const WHY: Record<Refusal['kind'], string> = {
	pair: 'Too many failed sign-ins to this account from your network.',
	account: 'Too many failed sign-ins to this account.',
	address: 'Too many failed sign-ins from your network.'
};

/** "15 seconds", "2 minutes": how long to wait, in the unit a person reads. */
function waitText(seconds: number): string {
	if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
	const minutes = Math.ceil(seconds / 60);
	return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/**
 * 429 with Retry-After, and words a person can act on: when to try again, and that an
 * administrator can set a new password for someone who has forgotten theirs.
 */
function tooManyAttempts(refused: Refusal, now: Date): ApiProblem {
	const { until } = refused;
	const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
	const clock = until.toISOString().slice(11, seconds < 60 ? 19 : 16);
	return new ApiProblem(
		429,
		{
			error:
				`${WHY[refused.kind]} Try again in ${waitText(seconds)}, after ${clock} UTC. ` +
				'If you have forgotten your password, ask an administrator of the working group to set a new one.',
			retryAfter: seconds,
			retryAt: until.toISOString()
		},
		{ 'Retry-After': String(seconds) }
	);
}

/** POST /api/auth/logout: ends the session on the server and clears the cookie. */
export function handleLogout(
	session: Session | undefined,
	context: { store: Store; secure: boolean; now?: Date }
): Promise<Response> {
	return answer('sign you out', async () => {
		if (session) await revokeSession(context.store, session.id, context.now ?? new Date());
		return new Response(null, {
			status: 204,
			headers: { 'Set-Cookie': clearedCookie(context.secure), 'Cache-Control': 'no-store' }
		});
	});
}

/** GET /api/auth/me */
export function handleMe(actor: Actor | undefined, session: Session | undefined): Response {
	if (!actor) return problem(401, SESSION_ENDED);
	return reply({ actor, expiresAt: session?.expiresAt ?? null });
}

/** Refuses with 403 unless the actor has one of `roles`. */
export function checkRole(actor: Actor, roles: readonly Actor['role'][]): void {
	if (!roles.includes(actor.role)) {
		throw new ApiProblem(403, {
			error: `Your account (${actor.role}) may not do this; it needs the role ${roles.join(' or ')}.`
		});
	}
}
