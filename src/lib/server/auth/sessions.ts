import { randomUUID } from 'node:crypto';
import type { Actor } from '../../domain/auth';
import type { LostMode } from '../../domain/devices';
import type { LostState } from './devices';
import type { Store } from '../db/store';
import { hashToken, newToken } from './tokens';
import { toActor, type UserRow } from './users';

export const SESSION_COOKIE = 'yol_session';

/**
 * A session ends 30 days after sign-in whatever happens, or after 7 days unused. Long, because
 * a caseworker's tablet may stay offline for days; when it ends the device keeps its unsynced
 * work and asks for the password again.
 */
export const SESSION_ABSOLUTE_MS = 30 * 24 * 3600 * 1000;
export const SESSION_IDLE_MS = 7 * 24 * 3600 * 1000;
/** `last_seen_at` is written at most this often, not on every request. */
const TOUCH_EVERY_MS = 60 * 1000;

export interface Session {
	id: string;
	userId: string;
	deviceId: string | null;
	expiresAt: string;
	/** Set when the session's device was marked lost (devices.ts decides what it may still do). */
	lost?: LostState;
}

export interface NewSession {
	session: Session;
	/** The cookie's value; never stored. */
	token: string;
}

export async function createSession(
	store: Store,
	user: { id: string },
	options: {
		deviceId?: string | null;
		address?: string | null;
		userAgent?: string | null;
		now: Date;
	}
): Promise<NewSession> {
	const token = newToken();
	const now = options.now.getTime();
	const session: Session = {
		id: randomUUID(),
		userId: user.id,
		deviceId: options.deviceId ?? null,
		expiresAt: new Date(now + SESSION_ABSOLUTE_MS).toISOString()
	};
	await store.run(
		`INSERT INTO sessions (id, token_hash, user_id, device_id, created_at, last_seen_at,
			expires_at, idle_expires_at, address, user_agent)
		VALUES ($1, $2, $3, $4, $5, $5, $6, $7, $8, $9)`,
		[
			session.id,
			hashToken(token),
			user.id,
			session.deviceId,
			options.now.toISOString(),
			session.expiresAt,
			new Date(now + SESSION_IDLE_MS).toISOString(),
			options.address?.slice(0, 100) ?? null,
			options.userAgent?.slice(0, 300) ?? null
		]
	);
	return { session, token };
}

interface SessionRow extends UserRow {
	session_id: string;
	session_device: string | null;
	expires_at: string;
	last_seen_at: string;
	lost_mode: LostMode | null;
	pending_reported: number | null;
}

/**
 * The session and user a cookie's token belongs to, or undefined when the token is unknown,
 * revoked, expired (absolutely or idle) or its user is disabled: a disabled user's sessions stop
 * working at once, without being revoked one by one.
 */
export async function findSession(
	store: Store,
	token: string | undefined,
	now: Date
): Promise<{ session: Session; actor: Actor } | undefined> {
	if (!token || token.length > 100) return undefined;
	const at = now.toISOString();
	const row = await store.get<SessionRow>(
		`SELECT u.*, s.id AS session_id, s.device_id AS session_device, s.expires_at, s.last_seen_at,
			d.lost_mode, d.pending_reported
		FROM sessions s JOIN users u ON u.id = s.user_id
			LEFT JOIN devices d ON d.device_id = s.device_id AND d.lost_at IS NOT NULL
		WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2
			AND s.idle_expires_at > $2 AND u.disabled = $3`,
		[hashToken(token), at, false]
	);
	if (!row) return undefined;
	if (now.getTime() - Date.parse(row.last_seen_at) > TOUCH_EVERY_MS) {
		await store.run('UPDATE sessions SET last_seen_at = $2, idle_expires_at = $3 WHERE id = $1', [
			row.session_id,
			at,
			new Date(now.getTime() + SESSION_IDLE_MS).toISOString()
		]);
	}
	return {
		session: {
			id: row.session_id,
			userId: row.id,
			deviceId: row.session_device,
			expiresAt: row.expires_at,
			...(row.lost_mode
				? {
						lost: {
							mode: row.lost_mode,
							pendingReported: row.pending_reported === null ? null : Number(row.pending_reported)
						}
					}
				: {})
		},
		actor: toActor(row)
	};
}

export async function revokeSession(store: Store, id: string, now: Date): Promise<void> {
	await store.run('UPDATE sessions SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL', [
		id,
		now.toISOString()
	]);
}

export interface SessionSummary {
	id: string;
	deviceId: string | null;
	createdAt: string;
	lastSeenAt: string;
	expiresAt: string;
	address: string | null;
	userAgent: string | null;
}

/** A user's sessions that have not ended, newest first. */
export async function listSessions(
	store: Store,
	userId: string,
	now: Date
): Promise<SessionSummary[]> {
	const rows = await store.all<{
		id: string;
		device_id: string | null;
		created_at: string;
		last_seen_at: string;
		expires_at: string;
		address: string | null;
		user_agent: string | null;
	}>(
		`SELECT id, device_id, created_at, last_seen_at, expires_at, address, user_agent
		FROM sessions WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > $2
			AND idle_expires_at > $2
		ORDER BY created_at DESC`,
		[userId, now.toISOString()]
	);
	return rows.map((r) => ({
		id: r.id,
		deviceId: r.device_id,
		createdAt: r.created_at,
		lastSeenAt: r.last_seen_at,
		expiresAt: r.expires_at,
		address: r.address,
		userAgent: r.user_agent
	}));
}

/** The token from a request's Cookie header. */
export function tokenFrom(request: Request): string | undefined {
	const header = request.headers.get('cookie');
	if (!header) return undefined;
	for (const part of header.split(';')) {
		const eq = part.indexOf('=');
		if (eq === -1) continue;
		if (part.slice(0, eq).trim() === SESSION_COOKIE) return part.slice(eq + 1).trim();
	}
	return undefined;
}

/** Set-Cookie for a new session: httpOnly, SameSite=Lax, Secure over https. */
export function sessionCookie(token: string, expiresAt: string, secure: boolean): string {
	const maxAge = Math.max(0, Math.floor((Date.parse(expiresAt) - Date.now()) / 1000));
	return [
		`${SESSION_COOKIE}=${token}`,
		'Path=/',
		'HttpOnly',
		'SameSite=Lax',
		`Max-Age=${maxAge}`,
		`Expires=${new Date(expiresAt).toUTCString()}`,
		...(secure ? ['Secure'] : [])
	].join('; ');
}

/** Set-Cookie that removes the session cookie. */
export function clearedCookie(secure: boolean): string {
	return [
		`${SESSION_COOKIE}=`,
		'Path=/',
		'HttpOnly',
		'SameSite=Lax',
		'Max-Age=0',
		'Expires=Thu, 01 Jan 1970 00:00:00 GMT',
		...(secure ? ['Secure'] : [])
	].join('; ');
}
