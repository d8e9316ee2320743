import type { Migration } from './index';

/**
 * Who settled a conflict and how: `resolution` is the choice (yours, theirs, other),
 * `resolved_by` the person (updatedBy of the resolving change), `resolved_device` the tablet,
 * `resolved_rev` the value's revision that carries the resolution. `resolved_at` exists since 002.
 * The conflict itself also travels to devices as a record (entity 'conflict' in `records`), so
 * this table stays the server's own account, queryable without parsing JSON.
 */
export const m004ConflictResolution: Migration = {
	id: 4,
	name: 'conflict-resolution',
	sqlite: `
		ALTER TABLE conflicts ADD COLUMN resolution TEXT;
		ALTER TABLE conflicts ADD COLUMN resolved_by TEXT;
		ALTER TABLE conflicts ADD COLUMN resolved_device TEXT;
		ALTER TABLE conflicts ADD COLUMN resolved_rev INTEGER;`,
	postgres: `
		ALTER TABLE conflicts ADD COLUMN resolution text;
		ALTER TABLE conflicts ADD COLUMN resolved_by text;
		ALTER TABLE conflicts ADD COLUMN resolved_device text;
		ALTER TABLE conflicts ADD COLUMN resolved_rev bigint;`
};
