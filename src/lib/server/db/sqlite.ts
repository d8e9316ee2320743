import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { createQueue, type Queue } from './queue';
import { innermost, type Scope } from './scope';
import {
	checkParams,
	rewritePlaceholders,
	StoreClosedError,
	type RunResult,
	type SqlValue,
	type Store
} from './store';

/** Prepared statements are reused; the cap only guards against SQL built from varying text. */
const STATEMENT_CACHE_SIZE = 500;

/** How long a write waits for another process (a backup, a second server) to release the file. */
const BUSY_TIMEOUT_MS = 5000;

/**
 * The embedded store: one better-sqlite3 connection; `file` may be `:memory:`.
 *
 * Open one store per file per process. better-sqlite3 is synchronous, so a second connection in
 * the same process waiting on the file lock (busy_timeout) blocks the event loop, and with it the
 * transaction that holds the lock: both stall until SQLITE_BUSY. Other processes (a backup, the
 * sqlite3 shell) are fine.
 */
export function openSqlite(file: string): Store {
	if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
	const db = new Database(file);
	try {
		// WAL lets readers (a backup, the sqlite3 shell) work while the app writes.
		db.pragma('journal_mode = WAL');
		db.pragma('foreign_keys = ON');
		db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
	} catch (error) {
		db.close();
		throw error;
	}
	return new SqliteStore(db);
}

interface Prepared {
	statement: Database.Statement<Record<string, unknown>, unknown>;
	/** The highest `$n` in the SQL, checked against the values given on every call. */
	placeholders: number;
}

class SqliteStore implements Store {
	readonly dialect = 'sqlite';
	readonly #db: Database.Database;
	readonly #statements = new Map<string, Prepared>();
	/** Serialises top-level work, so a transaction has the connection to itself. */
	readonly #queue: Queue = createQueue();
	/** The transaction (if any) the current async call chain runs inside. */
	readonly #scope = new AsyncLocalStorage<Scope>();
	#closed = false;
	#savepoints = 0;

	constructor(db: Database.Database) {
		this.#db = db;
	}

	all<T>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
		return this.#top(
			(s) => s.all<T>(sql, params),
			() => this.#all<T>(sql, params)
		);
	}

	get<T>(sql: string, params: readonly SqlValue[] = []): Promise<T | undefined> {
		return this.#top(
			(s) => s.get<T>(sql, params),
			() => this.#get<T>(sql, params)
		);
	}

	run(sql: string, params: readonly SqlValue[] = []): Promise<RunResult> {
		return this.#top(
			(s) => s.run(sql, params),
			() => this.#run(sql, params)
		);
	}

	runMany(sql: string, rows: readonly (readonly SqlValue[])[]): Promise<RunResult> {
		return this.#top(
			(s) => s.runMany(sql, rows),
			() =>
				this.#atomically('BEGIN IMMEDIATE', 'COMMIT', 'ROLLBACK', () =>
					Promise.resolve(this.#runMany(sql, rows))
				)
		);
	}

	exec(sql: string): Promise<void> {
		return this.#top(
			(s) => s.exec(sql),
			() => {
				this.#db.exec(sql);
			}
		);
	}

	transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
		return this.#top(
			(s) => s.transaction(fn),
			// IMMEDIATE takes the write lock now: a deferred transaction that reads and then writes
			// can fail with SQLITE_BUSY against another process instead of waiting busy_timeout.
			() => this.#atomically('BEGIN IMMEDIATE', 'COMMIT', 'ROLLBACK', fn)
		);
	}

	async close(): Promise<void> {
		if (this.#closed) return;
		this.#closed = true;
		await this.#queue(() => this.#db.close());
	}

	/**
	 * Top-level calls wait their turn in the queue. A call made inside a transaction's callback on
	 * this outer store would wait behind that very transaction for ever, so it joins it instead.
	 */
	#top<T>(inScope: (store: Store) => Promise<T>, alone: () => T | Promise<T>): Promise<T> {
		const scope = this.#scope.getStore();
		if (scope && !scope.done) return inScope(scope.store);
		if (this.#closed) return Promise.reject(new StoreClosedError());
		return this.#queue(alone);
	}

	async #atomically<T>(
		begin: string,
		commit: string,
		rollback: string,
		fn: (tx: Store) => Promise<T>
	): Promise<T> {
		const parent = this.#scope.getStore();
		const scope: Scope = { store: this.#scoped(() => scope), done: false, parent };
		this.#db.exec(begin);
		try {
			const result = await this.#scope.run(scope, () => fn(scope.store));
			scope.done = true;
			this.#db.exec(commit);
			return result;
		} catch (error) {
			scope.done = true;
			// Some errors (SQLITE_FULL, an I/O error) already rolled the transaction back.
			if (this.#db.inTransaction) this.#db.exec(rollback);
			throw error;
		}
	}

	/** The store handed to a transaction callback: direct access, nested calls as savepoints. */
	#scoped(scope: () => Scope): Store {
		const nested = createQueue();
		const live = <T>(work: () => T | Promise<T>): Promise<T> => {
			if (scope().done) {
				return Promise.reject(new Error('Transaction already finished (a missing await?)'));
			}
			try {
				return Promise.resolve(work());
			} catch (error) {
				return Promise.reject(error as Error);
			}
		};
		return {
			dialect: 'sqlite',
			all: <T>(sql: string, params: readonly SqlValue[] = []) =>
				live(() => this.#all<T>(sql, params)),
			get: <T>(sql: string, params: readonly SqlValue[] = []) =>
				live(() => this.#get<T>(sql, params)),
			run: (sql, params = []) => live(() => this.#run(sql, params)),
			runMany: (sql, rows) => live(() => this.#runMany(sql, rows)),
			exec: (sql) => live(() => void this.#db.exec(sql)),
			transaction: (fn) =>
				live(() => {
					const inner = innermost(this.#scope.getStore(), scope());
					if (inner) return inner.store.transaction(fn);
					return nested(() => {
						const name = `yol_sp_${++this.#savepoints}`;
						return this.#atomically(
							`SAVEPOINT ${name}`,
							`RELEASE ${name}`,
							`ROLLBACK TO ${name}; RELEASE ${name}`,
							fn
						);
					});
				}),
			close: () => Promise.reject(new Error('Close the store, not a transaction'))
		};
	}

	#all<T>(sql: string, params: readonly SqlValue[]): T[] {
		const statement = this.#prepare(sql, params);
		if (!statement.reader) {
			statement.run(bind(params));
			return [];
		}
		return statement.all(bind(params)) as T[];
	}

	#get<T>(sql: string, params: readonly SqlValue[]): T | undefined {
		const statement = this.#prepare(sql, params);
		if (!statement.reader) {
			statement.run(bind(params));
			return undefined;
		}
		return statement.get(bind(params)) as T | undefined;
	}

	#run(sql: string, params: readonly SqlValue[]): RunResult {
		const { changes } = this.#prepare(sql, params).run(bind(params));
		return { changes };
	}

	#runMany(sql: string, rows: readonly (readonly SqlValue[])[]): RunResult {
		let changes = 0;
		for (const params of rows) {
			// Looked up once per row: the cache hit is cheap, and it checks every row's count.
			changes += this.#prepare(sql, params).run(bind(params)).changes;
		}
		return { changes };
	}

	#prepare(sql: string, params: readonly SqlValue[]): Prepared['statement'] {
		checkParams(params);
		let prepared = this.#statements.get(sql);
		if (prepared) {
			// Re-inserting keeps the map in least-recently-used order for eviction.
			this.#statements.delete(sql);
		} else {
			prepared = prepare(this.#db, sql);
			if (this.#statements.size >= STATEMENT_CACHE_SIZE) {
				const oldest = this.#statements.keys().next().value;
				if (oldest !== undefined) this.#statements.delete(oldest);
			}
		}
		this.#statements.set(sql, prepared);
		// SQLite would ignore extra values silently; PostgreSQL rejects them, so this store does too.
		if (prepared.placeholders !== params.length) {
			throw new RangeError(
				`SQL uses ${prepared.placeholders} parameter(s) but ${params.length} were given: ${sql}`
			);
		}
		return prepared.statement;
	}
}

/** `$1` becomes `?1`, which better-sqlite3 binds from an object keyed by number. */
function prepare(db: Database.Database, sql: string): Prepared {
	let placeholders = 0;
	const translated = rewritePlaceholders(sql, (n) => {
		placeholders = Math.max(placeholders, n);
		return `?${n}`;
	});
	return { statement: db.prepare(translated), placeholders };
}

function bind(params: readonly SqlValue[]): Record<number, unknown> {
	const named: Record<number, unknown> = {};
	params.forEach((value, i) => {
		named[i + 1] = typeof value === 'boolean' ? Number(value) : value;
	});
	return named;
}
