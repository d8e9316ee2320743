import { join } from 'node:path';

/**
 * Server settings, read from environment variables once at start-up.
 *
 * Reads a plain env object rather than SvelteKit's `$env` modules so the same code runs under
 * Vitest, plain Node scripts and the built server.
 *
 * | Variable          | Meaning                                        | Default                   |
 * | ----------------- | ---------------------------------------------- | ------------------------- |
 * | DATABASE_URL      | postgres:// URL; when set, PostgreSQL is used  | unset: embedded SQLite    |
 * | YOL_DATA_DIR      | directory for the SQLite file                  | `./data`                  |
 * | YOL_DB_FILE       | SQLite file (`:memory:` allowed, for tests)    | `<YOL_DATA_DIR>/yol.sqlite` |
 * | YOL_DEMO          | `1` seeds demo data on start, `0` does not     | see below                 |
 * | BODY_SIZE_LIMIT   | largest request body, bytes or `512K`, `4M`    | `512K`                    |
 * | YOL_PG_POOL_MAX   | PostgreSQL connections per app server          | `10`                      |
 *
 * YOL_DEMO defaults to on only for the zero-setup case: no DATABASE_URL and NODE_ENV is not
 * `production`. A shared PostgreSQL or a production deployment never gets demo data unasked.
 *
 * BODY_SIZE_LIMIT is the variable adapter-node already enforces before a request reaches us;
 * reading the same one keeps a single limit instead of two that could disagree.
 */
export interface Config {
	databaseUrl?: string;
	dataDir: string;
	sqliteFile: string;
	demo: boolean;
	bodyLimit: number;
	pgPoolMax: number;
}

export type Env = Record<string, string | undefined>;

export class ConfigError extends Error {
	override name = 'ConfigError';
}

export function loadConfig(env: Env = process.env): Config {
	const databaseUrl = readDatabaseUrl(env.DATABASE_URL);
	const dataDir = nonEmpty(env, 'YOL_DATA_DIR') ?? './data';
	const sqliteFile = nonEmpty(env, 'YOL_DB_FILE') ?? join(dataDir, 'yol.sqlite');
	const demo =
		readFlag(env, 'YOL_DEMO') ?? (databaseUrl === undefined && env.NODE_ENV !== 'production');
	const bodyLimit = readBytes(env, 'BODY_SIZE_LIMIT') ?? 512 * 1024;
	const pgPoolMax = readPositiveInt(env, 'YOL_PG_POOL_MAX') ?? 10;
	return { databaseUrl, dataDir, sqliteFile, demo, bodyLimit, pgPoolMax };
}

/** Treats an empty variable as unset: `FOO=` in a .env file or compose file means "no value". */
function nonEmpty(env: Env, name: string): string | undefined {
	const value = env[name]?.trim();
	return value === undefined || value === '' ? undefined : value;
}

function readDatabaseUrl(raw: string | undefined): string | undefined {
	const value = raw?.trim();
	if (value === undefined || value === '') return undefined;
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		// The value may hold a password: never echo it.
		throw new ConfigError(
			'DATABASE_URL is not a valid URL (expected postgres://user:pass@host/db)'
		);
	}
	if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
		throw new ConfigError(
			`DATABASE_URL must start with postgres:// or postgresql:// (got ${url.protocol}//); ` +
				'unset it to use the embedded SQLite store'
		);
	}
	if (url.pathname.replace(/^\//, '') === '') {
		throw new ConfigError('DATABASE_URL names no database (expected postgres://user:pass@host/db)');
	}
	return value;
}

function readFlag(env: Env, name: string): boolean | undefined {
	const value = nonEmpty(env, name);
	if (value === undefined) return undefined;
	if (value === '1') return true;
	if (value === '0') return false;
	throw new ConfigError(`${name} must be 1 or 0 (got "${value}")`);
}

function readBytes(env: Env, name: string): number | undefined {
	const value = nonEmpty(env, name);
	if (value === undefined) return undefined;
	const match = /^(\d+|Infinity)([KMG]?)$/i.exec(value);
	if (!match) {
		throw new ConfigError(
			`${name} must be a number of bytes, optionally with K, M or G (got "${value}")`
		);
	}
	const unit = match[2]?.toUpperCase() ?? '';
	const multiplier = unit === 'K' ? 1024 : unit === 'M' ? 1024 ** 2 : unit === 'G' ? 1024 ** 3 : 1;
	return Number(match[1]) * multiplier;
}

function readPositiveInt(env: Env, name: string): number | undefined {
	const value = nonEmpty(env, name);
	if (value === undefined) return undefined;
	const n = Number(value);
	if (!Number.isInteger(n) || n < 1) {
		throw new ConfigError(`${name} must be a whole number of 1 or more (got "${value}")`);
	}
	return n;
}
