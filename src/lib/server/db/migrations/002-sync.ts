import type { Migration } from './index';

/**
 * The sync tables.
 *
 * - `records`: every synced record as it now stands (values, indicators, locations), with the
 *   revision of its last change. Deletes leave a tombstone (`deleted`), never remove the row, so
 *   a device that pulls later still hears of them. `field_revs` holds merge.ts's FieldRevs;
 *   `location_id` copies a value's place out of `data` so a pull can be scoped by place in SQL.
 * - `sync_revision`: the one counter that hands out revisions (a single row, see push.ts for why
 *   revision order is commit order).
 * - `devices`: the highest seq applied per device.
 * - `mutation_log`: what became of each device's seq, so a retried push gets the same answer.
 * - `conflicts`: mutations kept for review instead of applied, with both versions.
 */
export const m002Sync: Migration = {
	id: 2,
	name: 'sync',
	sqlite: `
		CREATE TABLE records (
			entity TEXT NOT NULL,
			id TEXT NOT NULL,
			rev INTEGER NOT NULL,
			deleted INTEGER NOT NULL DEFAULT 0,
			data TEXT,
			field_revs TEXT NOT NULL DEFAULT '{}',
			location_id TEXT,
			updated_at TEXT NOT NULL,
			updated_by_device TEXT NOT NULL,
			PRIMARY KEY (entity, id)
		);
		CREATE UNIQUE INDEX records_rev ON records (rev);
		CREATE TABLE sync_revision (id INTEGER PRIMARY KEY CHECK (id = 1), rev INTEGER NOT NULL);
		INSERT INTO sync_revision (id, rev) VALUES (1, 0);
		CREATE TABLE devices (
			device_id TEXT PRIMARY KEY,
			last_seq INTEGER NOT NULL,
			first_seen TEXT NOT NULL,
			last_seen TEXT NOT NULL
		);
		CREATE TABLE conflicts (
			id TEXT PRIMARY KEY,
			entity TEXT NOT NULL,
			entity_id TEXT NOT NULL,
			base_rev INTEGER NOT NULL,
			server_rev INTEGER NOT NULL,
			fields TEXT NOT NULL,
			yours TEXT,
			theirs TEXT,
			device_id TEXT NOT NULL,
			created_at TEXT NOT NULL,
			resolved_at TEXT
		);
		CREATE INDEX conflicts_record ON conflicts (entity, entity_id);
		CREATE TABLE mutation_log (
			device_id TEXT NOT NULL,
			seq INTEGER NOT NULL,
			mutation_id TEXT NOT NULL,
			outcome TEXT NOT NULL,
			rev INTEGER,
			conflict_id TEXT,
			reason TEXT,
			PRIMARY KEY (device_id, seq)
		);`,
	postgres: `
		CREATE TABLE records (
			entity text NOT NULL,
			id text NOT NULL,
			rev bigint NOT NULL,
			deleted boolean NOT NULL DEFAULT false,
			data jsonb,
			field_revs jsonb NOT NULL DEFAULT '{}',
			location_id text,
			updated_at timestamptz NOT NULL,
			updated_by_device text NOT NULL,
			PRIMARY KEY (entity, id)
		);
		CREATE UNIQUE INDEX records_rev ON records (rev);
		CREATE TABLE sync_revision (id integer PRIMARY KEY CHECK (id = 1), rev bigint NOT NULL);
		INSERT INTO sync_revision (id, rev) VALUES (1, 0);
		CREATE TABLE devices (
			device_id text PRIMARY KEY,
			last_seq bigint NOT NULL,
			first_seen timestamptz NOT NULL,
			last_seen timestamptz NOT NULL
		);
		CREATE TABLE conflicts (
			id text PRIMARY KEY,
			entity text NOT NULL,
			entity_id text NOT NULL,
			base_rev bigint NOT NULL,
			server_rev bigint NOT NULL,
			fields jsonb NOT NULL,
			yours jsonb,
			theirs jsonb,
			device_id text NOT NULL,
			created_at timestamptz NOT NULL,
			resolved_at timestamptz
		);
		CREATE INDEX conflicts_record ON conflicts (entity, entity_id);
		CREATE TABLE mutation_log (
			device_id text NOT NULL,
			seq bigint NOT NULL,
			mutation_id text NOT NULL,
			outcome text NOT NULL,
			rev bigint,
			conflict_id text,
			reason text,
			PRIMARY KEY (device_id, seq)
		);`
};
