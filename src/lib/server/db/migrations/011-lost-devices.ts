import type { Migration } from './index';

/**
 * Lost devices (issue #19 §3): an administrator marks one tablet lost, and it is refused at once
 * and told to wipe itself the next time it reaches the server.
 *
 * - `lost_at`, `lost_by`: when and by which administrator the device was marked lost.
 * - `lost_mode`: 'push-first' (a tablet misplaced in the office: its unsynced changes may still
 *   come in, then it wipes) or 'wipe-now' (a stolen one: nothing more is taken from it).
 * - `pending_reported`: how many unsynced changes the device last said it held (push and pull
 *   carry it; NULL for a device that never said, an older app).
 * - `user_agent`: the browser it last synced from, for the administrator's list when it has no name.
 *
 * `revoked_at` (003) stays what it was: all of a user's devices refused when the user is revoked.
 */
export const m011LostDevices: Migration = {
	id: 11,
	name: 'lost-devices',
	sqlite: `
		ALTER TABLE devices ADD COLUMN lost_at TEXT;
		ALTER TABLE devices ADD COLUMN lost_mode TEXT;
		ALTER TABLE devices ADD COLUMN lost_by TEXT;
		ALTER TABLE devices ADD COLUMN pending_reported INTEGER;
		ALTER TABLE devices ADD COLUMN user_agent TEXT;
		CREATE INDEX devices_user ON devices (user_id);`,
	postgres: `
		ALTER TABLE devices ADD COLUMN lost_at timestamptz;
		ALTER TABLE devices ADD COLUMN lost_mode text;
		ALTER TABLE devices ADD COLUMN lost_by text;
		ALTER TABLE devices ADD COLUMN pending_reported bigint;
		ALTER TABLE devices ADD COLUMN user_agent text;
		CREATE INDEX devices_user ON devices (user_id);`
};
