import type { Config } from '../config';
import { openPostgres } from './postgres';
import { openSqlite } from './sqlite';
import type { Store } from './store';

export type { Dialect, RunResult, SqlValue, Store } from './store';

/** PostgreSQL when DATABASE_URL is set, the embedded SQLite file otherwise. */
export function openStore(config: Config): Store {
	return config.databaseUrl
		? openPostgres({ url: config.databaseUrl, max: config.pgPoolMax })
		: openSqlite(config.sqliteFile);
}

/** Where the store lives, for a log line; never includes a password. */
export function describeStore(config: Config): string {
	if (!config.databaseUrl) return `sqlite at ${config.sqliteFile}`;
	const url = new URL(config.databaseUrl);
	return `postgres at ${url.hostname}${url.port ? `:${url.port}` : ''}${url.pathname}`;
}
