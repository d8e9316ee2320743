import type { Migration } from './index';

/**
 * The working group's mappings to partners' systems (DHIS2's UIDs per indicator cell and place),
 * one row per mapping, kept by the coordinator through /api/exchange/mapping. `version` counts
 * saves, so a coordinator saving over a mapping another one changed meanwhile is told, not
 * silently overwritten; `updated_by` is the user id of the last save (the audit has each one).
 */
export const m009Exchange: Migration = {
	id: 9,
	name: 'exchange',
	sqlite: `
		CREATE TABLE exchange_mappings (
			id TEXT PRIMARY KEY,
			data TEXT NOT NULL,
			version INTEGER NOT NULL,
			updated_at TEXT NOT NULL,
			updated_by TEXT
		);`,
	postgres: `
		CREATE TABLE exchange_mappings (
			id text PRIMARY KEY,
			data jsonb NOT NULL,
			version bigint NOT NULL,
			updated_at timestamptz NOT NULL,
			updated_by text
		);`
};
