import type { Migration } from './index';

/** Instance-wide settings as text pairs: `instance_id`, `demo_seeded_at`, and later others. */
export const m001Meta: Migration = {
	id: 1,
	name: 'meta',
	sqlite: `CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);`,
	postgres: `CREATE TABLE meta (key text PRIMARY KEY, value text NOT NULL);`
};
