import type { Migration } from './index';

/**
 * Accounts, sessions, sign-in throttling, the audit trail, and devices bound to users.
 *
 * - `users`: one row per person; `username` is stored lower-case (sign-in ignores case);
 *   `location_ids` is a JSON array of scope roots, or NULL for every location.
 * - `sessions`: only the SHA-256 of the cookie's token is stored, so a copy of the database does
 *   not let anyone sign in. A session ends at `expires_at`, after `idle_expires_at` without use,
 *   or at `revoked_at`.
 * - `login_throttle`: failed sign-ins per key (`user:<name>` or `addr:<address>`) in the current
 *   window, and until when the key is locked.
 * - `audit`: one line per applied change to a record or an account, written in the transaction
 *   that makes the change: who, when, from which device, old → new (JSON).
 * - `devices.user_id`: the user a device was first used by (a device id is never shared between
 *   people); `devices.revoked_at`: the device was declared lost.
 */
export const m003Auth: Migration = {
	id: 3,
	name: 'auth',
	sqlite: `
		CREATE TABLE users (
			id TEXT PRIMARY KEY,
			username TEXT NOT NULL UNIQUE,
			name TEXT NOT NULL,
			organisation TEXT NOT NULL,
			role TEXT NOT NULL,
			language TEXT NOT NULL,
			location_ids TEXT,
			password_hash TEXT NOT NULL,
			disabled INTEGER NOT NULL DEFAULT 0,
			created_at TEXT NOT NULL,
			updated_at TEXT NOT NULL
		);
		CREATE TABLE sessions (
			id TEXT PRIMARY KEY,
			token_hash TEXT NOT NULL UNIQUE,
			user_id TEXT NOT NULL REFERENCES users (id),
			device_id TEXT,
			created_at TEXT NOT NULL,
			last_seen_at TEXT NOT NULL,
			expires_at TEXT NOT NULL,
			idle_expires_at TEXT NOT NULL,
			revoked_at TEXT,
			address TEXT,
			user_agent TEXT
		);
		CREATE INDEX sessions_user ON sessions (user_id);
		CREATE TABLE login_throttle (
			key TEXT PRIMARY KEY,
			failures INTEGER NOT NULL,
			window_start TEXT NOT NULL,
			locked_until TEXT
		);
		CREATE TABLE audit (
			id INTEGER PRIMARY KEY AUTOINCREMENT,
			at TEXT NOT NULL,
			user_id TEXT,
			device_id TEXT,
			entity TEXT NOT NULL,
			entity_id TEXT NOT NULL,
			action TEXT NOT NULL,
			old_data TEXT,
			new_data TEXT
		);
		CREATE INDEX audit_record ON audit (entity, entity_id);
		ALTER TABLE devices ADD COLUMN user_id TEXT;
		ALTER TABLE devices ADD COLUMN revoked_at TEXT;`,
	postgres: `
		CREATE TABLE users (
			id text PRIMARY KEY,
			username text NOT NULL UNIQUE,
			name text NOT NULL,
			organisation text NOT NULL,
			role text NOT NULL,
			language text NOT NULL,
			location_ids jsonb,
			password_hash text NOT NULL,
			disabled boolean NOT NULL DEFAULT false,
			created_at timestamptz NOT NULL,
			updated_at timestamptz NOT NULL
		);
		CREATE TABLE sessions (
			id text PRIMARY KEY,
			token_hash text NOT NULL UNIQUE,
			user_id text NOT NULL REFERENCES users (id),
			device_id text,
			created_at timestamptz NOT NULL,
			last_seen_at timestamptz NOT NULL,
			expires_at timestamptz NOT NULL,
			idle_expires_at timestamptz NOT NULL,
			revoked_at timestamptz,
			address text,
			user_agent text
		);
		CREATE INDEX sessions_user ON sessions (user_id);
		CREATE TABLE login_throttle (
			key text PRIMARY KEY,
			failures integer NOT NULL,
			window_start timestamptz NOT NULL,
			locked_until timestamptz
		);
		CREATE TABLE audit (
			id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
			at timestamptz NOT NULL,
			user_id text,
			device_id text,
			entity text NOT NULL,
			entity_id text NOT NULL,
			action text NOT NULL,
			old_data jsonb,
			new_data jsonb
		);
		CREATE INDEX audit_record ON audit (entity, entity_id);
		ALTER TABLE devices ADD COLUMN user_id text;
		ALTER TABLE devices ADD COLUMN revoked_at timestamptz;`
};
