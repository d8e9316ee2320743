import * as v from 'valibot';

/**
 * Devices as the administrator manages them (issue #19 §3): the list on a user's page and
 * "Mark lost", and the wipe order a lost device gets from the server.
 */

/**
 * - 'push-first': a tablet misplaced in the office; its unsynced changes may still come in, then
 *   it is told to wipe.
 * - 'wipe-now': a stolen tablet; nothing more is taken from it, it is told to wipe at once.
 */
export const LOST_MODES = ['push-first', 'wipe-now'] as const;
export type LostMode = (typeof LOST_MODES)[number];

export const LOST_MODE_CHOICE =
	"mode: choose 'push-first' (the tablet may first send its unsynced changes) or 'wipe-now' (a stolen tablet: nothing more is taken from it)";

export const MarkLostSchema = v.object({ mode: v.picklist(LOST_MODES, LOST_MODE_CHOICE) });

/** One device of a user, as GET /api/admin/users/[id]/devices lists it. */
export interface DeviceSummary {
	deviceId: string;
	/** The name its user gave it, or null. */
	name: string | null;
	/** The browser it last synced from, or null. */
	userAgent: string | null;
	firstSeen: string;
	lastSeen: string;
	/** The unsynced changes it last said it held; null when it never said (an older app). */
	pendingReported: number | null;
	lostAt: string | null;
	lostMode: LostMode | null;
	/** Revoked with all of its user's devices (the user's "Revoke" button). */
	revoked: boolean;
}

/** The status of every answer that tells a device it is lost (410 Gone). */
export const LOST_STATUS = 410;

/** The body of a 410: `wipe` true means delete everything of Yol on this device now. */
export interface LostAnswer {
	error: string;
	wipe: boolean;
	reason: string;
}

export const WIPE_REASON =
	'An administrator marked this device lost: its Yol data is removed from it.';
export const PUSH_FIRST_REASON =
	'An administrator marked this device lost: send its unsynced changes, then its Yol data is removed.';
