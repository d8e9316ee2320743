/**
 * The one interface every server module uses to reach the database, whichever engine is behind it.
 *
 * SQL is written once, with PostgreSQL's `$1, $2` placeholders (a number may repeat); the SQLite
 * store rewrites them. Dialect-specific SQL belongs in migrations, or behind `store.dialect` in the
 * rare query that needs it.
 *
 * Rows come back the same on both engines, so callers and tests never branch on the dialect:
 * - integers, including PostgreSQL `bigint` and `count(*)`, as `number` (a value past 2^53 throws
 *   rather than silently losing digits); `numeric` stays a string;
 * - booleans as `1`/`0` (SQLite has no boolean type); `true`/`false` are accepted as parameters;
 * - JSON as text: pass `JSON.stringify(x)`, read back a string to `JSON.parse`;
 * - timestamps as ISO 8601 strings in UTC (`2026-11-23T10:00:00.000Z`), millisecond precision.
 *
 * Inside a `transaction` callback, use the `tx` it receives. Calls on the outer store made from
 * within the callback are routed to the same transaction rather than deadlocking on SQLite's single
 * connection (or escaping the transaction on PostgreSQL's pool), but `tx` says what is meant.
 */
export type Dialect = 'sqlite' | 'postgres';

export type SqlValue = string | number | bigint | boolean | null | Uint8Array;

export interface RunResult {
	changes: number;
}

/** A connection pool's state now, for the operators' metrics. */
export interface PoolStats {
	/** Connections the pool may open. */
	size: number;
	/** Connections busy now. */
	inUse: number;
	/** Calls waiting for a connection. */
	waiting: number;
}

export interface Store {
	readonly dialect: Dialect;
	/** Only a store with a pool (PostgreSQL's) has this; SQLite has one connection. */
	poolStats?(): PoolStats;
	all<T = Record<string, unknown>>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
	get<T = Record<string, unknown>>(
		sql: string,
		params?: readonly SqlValue[]
	): Promise<T | undefined>;
	run(sql: string, params?: readonly SqlValue[]): Promise<RunResult>;
	/**
	 * Runs one statement once per row of parameters, in order and atomically: many single-row
	 * writes for the price of one call (SQLite runs them in one synchronous loop).
	 */
	runMany(sql: string, rows: readonly (readonly SqlValue[])[]): Promise<RunResult>;
	/** Several statements without parameters, e.g. a migration's DDL. */
	exec(sql: string): Promise<void>;
	/**
	 * Runs `fn` atomically: commits when it resolves, rolls back when it throws (and rethrows).
	 * Called on a `tx`, it nests as a savepoint: only the inner part rolls back.
	 */
	transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T>;
	/** Waits for work in flight, then releases the connection(s). Later calls reject. */
	close(): Promise<void>;
}

export class StoreClosedError extends Error {
	override name = 'StoreClosedError';
	constructor() {
		super('The store is closed');
	}
}

/**
 * Rewrites `$n` placeholders with `replace(n)`, leaving string literals, quoted identifiers and
 * comments alone, so a `'$1'` inside a literal is never taken for a parameter.
 */
export function rewritePlaceholders(sql: string, replace: (n: number) => string): string {
	let out = '';
	let i = 0;
	while (i < sql.length) {
		const c = sql[i];
		const next = sql[i + 1];
		let end: number;
		if (c === "'" || c === '"') {
			end = closingQuote(sql, i, c);
		} else if (c === '-' && next === '-') {
			end = indexOrEnd(sql, '\n', i + 2);
		} else if (c === '/' && next === '*') {
			end = indexOrEnd(sql, '*/', i + 2) + 2;
		} else if (c === '$' && next !== undefined && next >= '0' && next <= '9') {
			const digits = /^\d+/.exec(sql.slice(i + 1))?.[0] ?? '';
			out += replace(Number(digits));
			i += 1 + digits.length;
			continue;
		} else {
			end = i + 1;
		}
		out += sql.slice(i, end);
		i = end;
	}
	return out;
}

/** SQL escapes a quote inside quotes by doubling it, so `'it''s'` is one literal. */
function closingQuote(sql: string, start: number, quote: string): number {
	let i = start + 1;
	while (i < sql.length) {
		if (sql[i] === quote) {
			if (sql[i + 1] === quote) i += 2;
			else return i + 1;
		} else i += 1;
	}
	return sql.length;
}

function indexOrEnd(sql: string, needle: string, from: number): number {
	const at = sql.indexOf(needle, from);
	return at === -1 ? sql.length : at;
}

/** Both engines would accept `undefined` differently (or not at all); it is nearly always a bug. */
export function checkParams(params: readonly SqlValue[]): void {
	const at = params.findIndex((p) => p === undefined);
	if (at !== -1) throw new TypeError(`SQL parameter $${at + 1} is undefined (use null)`);
}
