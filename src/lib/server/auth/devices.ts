import {
	LOST_STATUS,
	PUSH_FIRST_REASON,
	WIPE_REASON,
	type DeviceSummary,
	type LostAnswer,
	type LostMode
} from '../../domain/devices';
import type { Store } from '../db/store';
import { reply } from '../http/problem';
import { writeAudit } from './audit';
import type { ActingAs } from './users';

/**
 * Devices as the administrator sees them (the user's page), "Mark lost", and the one decision of
 * what a lost device may still do. The refusal reads the devices table on every request (the
 * session's own query joins it, hooks.server.ts): no cache, so marking takes effect at once.
 */

interface DeviceRow {
	device_id: string;
	device_name: string | null;
	user_agent: string | null;
	first_seen: string;
	last_seen: string;
	pending_reported: number | null;
	lost_at: string | null;
	lost_mode: LostMode | null;
	revoked_at: string | null;
}

/** A user's devices, the one that synced last first. */
export async function listDevices(store: Store, userId: string): Promise<DeviceSummary[]> {
	const rows = await store.all<DeviceRow>(
		`SELECT device_id, device_name, user_agent, first_seen, last_seen, pending_reported,
			lost_at, lost_mode, revoked_at
		FROM devices WHERE user_id = $1 ORDER BY last_seen DESC, device_id`,
		[userId]
	);
	return rows.map((r) => ({
		deviceId: r.device_id,
		name: r.device_name,
		userAgent: r.user_agent,
		firstSeen: r.first_seen,
		lastSeen: r.last_seen,
		pendingReported: r.pending_reported === null ? null : Number(r.pending_reported),
		lostAt: r.lost_at,
		lostMode: r.lost_mode,
		revoked: r.revoked_at !== null
	}));
}

export type MarkLostResult = 'marked' | 'already' | 'missing';

/**
 * Marks one of `userId`'s devices lost, with the audit line (who, which device, which mode) in the
 * same transaction. A device already lost keeps its first marking ('already').
 */
export async function markLost(
	store: Store,
	userId: string,
	deviceId: string,
	mode: LostMode,
	by: ActingAs
): Promise<MarkLostResult> {
	return store.transaction(async (tx) => {
		const device = await tx.get<{ lost_at: string | null; device_name: string | null }>(
			'SELECT lost_at, device_name FROM devices WHERE device_id = $1 AND user_id = $2',
			[deviceId, userId]
		);
		if (!device) return 'missing';
		if (device.lost_at) return 'already';
		await tx.run(
			'UPDATE devices SET lost_at = $2, lost_mode = $3, lost_by = $4 WHERE device_id = $1',
			[deviceId, by.at, mode, by.userId]
		);
		await writeAudit(tx, {
			...by,
			entity: 'device',
			entityId: deviceId,
			action: 'lost',
			new: { user: userId, device: deviceId, name: device.device_name, mode }
		});
		return 'marked';
	});
}

/** What the server knows of a lost device: how it was marked, and what it last said it held. */
export interface LostState {
	mode: LostMode;
	pendingReported: number | null;
}

export async function lostState(store: Store, deviceId: string): Promise<LostState | undefined> {
	const row = await store.get<{ lost_mode: LostMode | null; pending_reported: number | null }>(
		'SELECT lost_mode, pending_reported FROM devices WHERE device_id = $1 AND lost_at IS NOT NULL',
		[deviceId]
	);
	if (!row?.lost_mode) return undefined;
	const pending = row.pending_reported;
	return { mode: row.lost_mode, pendingReported: pending === null ? null : Number(pending) };
}

/** 410 Gone: `wipe` says whether the device must delete its Yol data now. */
export function lostAnswer(wipe: boolean): Response {
	const reason = wipe ? WIPE_REASON : PUSH_FIRST_REASON;
	const body: LostAnswer = { error: reason, wipe, reason };
	return reply(body, LOST_STATUS);
}

/**
 * The answer to a lost device's request other than a push (pushes: `pushAllowed`): 'wipe-now'
 * wipes at once; 'push-first' wipes once the device has nothing left to send (`pending`, what
 * this request says, else what it last said; a device that never says is an older app, which
 * cannot send what it holds in any way the server could wait for), else it is told to push first.
 */
export function lostRefusal(state: LostState, pending?: number): Response {
	if (state.mode === 'wipe-now') return lostAnswer(true);
	const left = pending ?? state.pendingReported ?? 0;
	return lostAnswer(left <= 0);
}

/** Whether a lost device's push is still applied: only in 'push-first'. */
export function pushAllowed(state: LostState): boolean {
	return state.mode === 'push-first';
}

/**
 * Ties the session to the device it syncs as (a first sign-in names none), so every later
 * request of the session is refused once that device is lost. A session tied to a lost device
 * stays tied: pushing under a new id does not free it.
 */
export async function bindSession(
	store: Store,
	sessionId: string | undefined,
	deviceId: string
): Promise<void> {
	if (!sessionId) return;
	await store.run(
		`UPDATE sessions SET device_id = $2 WHERE id = $1 AND device_id IS DISTINCT FROM $2
			AND (device_id IS NULL OR device_id NOT IN
				(SELECT device_id FROM devices WHERE lost_at IS NOT NULL))`,
		[sessionId, deviceId]
	);
}

/**
 * A pull names its device (older apps do not): the device's last-seen time, browser and pending
 * count, for the administrator's list. A device that never pushed gets its row here; one owned
 * by another user is left alone (the push refuses it).
 */
export async function recordPull(
	store: Store,
	userId: string,
	deviceId: string,
	pending: number | undefined,
	userAgent: string | null,
	at: string
): Promise<void> {
	await store.run(
		`INSERT INTO devices (device_id, last_seq, first_seen, last_seen, user_id, pending_reported, user_agent)
		VALUES ($1, 0, $2, $2, $3, $4, $5)
		ON CONFLICT (device_id) DO UPDATE SET last_seen = excluded.last_seen,
			pending_reported = coalesce(excluded.pending_reported, devices.pending_reported),
			user_agent = coalesce(excluded.user_agent, devices.user_agent)
		WHERE devices.user_id = excluded.user_id`,
		[deviceId, at, userId, pending ?? null, userAgent]
	);
}
