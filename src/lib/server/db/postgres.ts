import { AsyncLocalStorage } from 'node:async_hooks';
import postgres from 'postgres';
import { guardNextWrite } from './postgres-guard';
import { createQueue } from './queue';
import { innermost, type Scope } from './scope';
import {
	checkParams,
	StoreClosedError,
	type PoolStats,
	type RunResult,
	type SqlValue,
	type Store
} from './store';

export interface PostgresOptions {
	url: string;
	/** Connections in this app server's pool. */
	max?: number;
	/** Search path for every connection; tests use a fresh schema per run. */
	schema?: string;
}

/**
 * Types are parsed to match what the SQLite store returns (see store.ts), so rows look the same on
 * both engines. Every parser receives PostgreSQL's text format.
 */
const types = {
	bigint: {
		to: 20,
		from: [20],
		serialize: (x: unknown) => String(x),
		parse: (x: string) => {
			const n = Number(x);
			if (!Number.isSafeInteger(n)) throw new RangeError(`Integer ${x} is too large for a number`);
			return n;
		}
	},
	boolean: {
		to: 16,
		from: [16],
		// Values read back (1/0) must round-trip; the library's default turns 1 into false.
		serialize: (x: unknown) =>
			x === true || x === 1 ? 't' : x === false || x === 0 ? 'f' : String(x),
		parse: (x: string) => (x === 't' ? 1 : 0)
	},
	json: {
		to: 114,
		from: [114, 3802],
		// JSON crosses the store as text; the default would encode a JSON string a second time.
		serialize: (x: unknown) => (typeof x === 'string' ? x : JSON.stringify(x)),
		parse: (x: string) => x
	},
	timestamp: {
		to: 1184,
		from: [1114, 1184],
		serialize: (x: unknown) => (x instanceof Date ? x.toISOString() : String(x)),
		// Sessions run in UTC (see `connection` below), so `timestamp` without zone is UTC too.
		parse: (x: string) => {
			const date = new Date(/[+-]\d\d(:\d\d)?$/.test(x) ? x : `${x}Z`);
			return Number.isNaN(date.getTime()) ? x : date.toISOString();
		}
	},
	date: {
		to: 1082,
		from: [1082],
		serialize: (x: unknown) => String(x),
		parse: (x: string) => x
	}
};

type Sql = postgres.Sql<Record<string, unknown>>;
type TxSql = postgres.TransactionSql<Record<string, unknown>>;

/** The shared store for deployments with several stateless app servers in front of one database. */
export function openPostgres(options: PostgresOptions): Store {
	const connect = () =>
		postgres(options.url, {
			max: options.max ?? 10,
			connect_timeout: 10,
			types,
			// `CREATE TABLE IF NOT EXISTS` and friends send notices that are not worth a log line.
			onnotice: () => undefined,
			connection: {
				application_name: 'yol',
				TimeZone: 'UTC',
				...(options.schema ? { search_path: options.schema } : {})
			}
		}) as unknown as Sql;
	return new PostgresStore(connect, options.max ?? 10);
}

/**
 * Isolation: transactions run at PostgreSQL's default READ COMMITTED, which is enough for
 * migrations and single-row writes. Revisit before sync hands out revision numbers: values from a
 * sequence are taken in one order but committed in another, so a reader could see revision 11
 * before 10 commits and skip 10 for ever. Either serialise writers (`pg_advisory_xact_lock` on one
 * key in every writing transaction) or read only below the oldest revision still in flight.
 */
class PostgresStore implements Store {
	readonly dialect = 'postgres';
	/** The pool; replaced by a fresh one after postgres.js's nextWrite crash (postgres-guard.ts). */
	#sql: Sql;
	readonly #connect: () => Sql;
	readonly #unguard: () => void;
	/** The transaction (if any) the current async call chain runs inside. */
	readonly #scope = new AsyncLocalStorage<Scope>();
	readonly #poolSize: number;
	/** Calls sent on the pool and not yet answered (a transaction counts once, for its length). */
	#inFlight = 0;
	#closed = false;

	constructor(connect: () => Sql, poolSize: number) {
		this.#connect = connect;
		this.#sql = connect();
		this.#poolSize = poolSize;
		this.#unguard = guardNextWrite(() => this.#renew());
	}

	/**
	 * A new pool for every call from now on; the old one is ended (its calls still running get
	 * a second to finish, then CONNECTION_ENDED: a 503, which devices retry).
	 */
	#renew(): void {
		if (this.#closed) return;
		const old = this.#sql;
		this.#sql = this.#connect();
		old.end({ timeout: 1 }).catch(() => undefined);
	}

	/**
	 * Counted here rather than asked of postgres.js, which keeps its pool's queues private. A
	 * call beyond the pool's size waits for a connection; pipelined calls would be counted as
	 * waiting, which they briefly are.
	 */
	poolStats(): PoolStats {
		const inUse = Math.min(this.#inFlight, this.#poolSize);
		return { size: this.#poolSize, inUse, waiting: this.#inFlight - inUse };
	}

	all<T>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
		return this.#top(
			(s) => s.all<T>(sql, params),
			() => rows<T>(this.#sql, sql, params)
		);
	}

	get<T>(sql: string, params: readonly SqlValue[] = []): Promise<T | undefined> {
		return this.#top(
			(s) => s.get<T>(sql, params),
			async () => (await rows<T>(this.#sql, sql, params))[0]
		);
	}

	run(sql: string, params: readonly SqlValue[] = []): Promise<RunResult> {
		return this.#top(
			(s) => s.run(sql, params),
			() => run(this.#sql, sql, params)
		);
	}

	runMany(sql: string, rows: readonly (readonly SqlValue[])[]): Promise<RunResult> {
		return this.#top(
			(s) => s.runMany(sql, rows),
			// Straight to begin (not this.transaction) so the pool count sees one call, not two.
			async () =>
				(await this.#sql.begin((tx) =>
					this.#atomically(tx, (scoped) => scoped.runMany(sql, rows))
				)) as RunResult
		);
	}

	exec(sql: string): Promise<void> {
		return this.#top(
			(s) => s.exec(sql),
			() => exec(this.#sql, sql)
		);
	}

	transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
		return this.#top(
			(s) => s.transaction(fn),
			async () => (await this.#sql.begin((tx) => this.#atomically(tx, fn))) as T
		);
	}

	async close(): Promise<void> {
		if (this.#closed) return;
		this.#closed = true;
		this.#unguard();
		// Queries already sent finish; the timeout (seconds) bounds a stuck one.
		await this.#sql.end({ timeout: 5 });
	}

	/**
	 * A call on this outer store from inside a transaction callback joins that transaction, as it
	 * does on SQLite, instead of silently running outside it on another pooled connection.
	 */
	#top<T>(inScope: (store: Store) => Promise<T>, alone: () => Promise<T>): Promise<T> {
		const scope = this.#scope.getStore();
		if (scope && !scope.done) return inScope(scope.store);
		if (this.#closed) return Promise.reject(new StoreClosedError());
		this.#inFlight += 1;
		return alone().finally(() => {
			this.#inFlight -= 1;
		});
	}

	/** `sql.begin` and `savepoint` commit when `fn` resolves and roll back when it throws. */
	async #atomically<T>(tx: TxSql, fn: (tx: Store) => Promise<T>): Promise<T> {
		const parent = this.#scope.getStore();
		const scope: Scope = { store: this.#scoped(tx, () => scope), done: false, parent };
		try {
			return await this.#scope.run(scope, () => fn(scope.store));
		} finally {
			scope.done = true;
		}
	}

	#scoped(tx: TxSql, scope: () => Scope): Store {
		// Savepoints started side by side on one connection would interleave: queue them.
		const nested = createQueue();
		const live = <T>(work: () => Promise<T>): Promise<T> =>
			scope().done
				? Promise.reject(new Error('Transaction already finished (a missing await?)'))
				: work();
		return {
			dialect: 'postgres',
			all: <T>(sql: string, params: readonly SqlValue[] = []) =>
				live(() => rows<T>(tx, sql, params)),
			get: <T>(sql: string, params: readonly SqlValue[] = []) =>
				live(async () => (await rows<T>(tx, sql, params))[0]),
			run: (sql, params = []) => live(() => run(tx, sql, params)),
			// Sent without waiting for each answer: the connection pipelines them, in order.
			runMany: (sql, rows) =>
				live(async () => {
					const results = await Promise.all(rows.map((params) => run(tx, sql, params)));
					return { changes: results.reduce((sum, r) => sum + r.changes, 0) };
				}),
			exec: (sql) => live(() => exec(tx, sql)),
			transaction: <T>(fn: (tx: Store) => Promise<T>) =>
				live(() => {
					const inner = innermost(this.#scope.getStore(), scope());
					if (inner) return inner.store.transaction(fn);
					return nested(async () => (await tx.savepoint((sp) => this.#atomically(sp, fn))) as T);
				}),
			close: () => Promise.reject(new Error('Close the store, not a transaction'))
		};
	}
}

async function query(sql: Sql | TxSql, text: string, params: readonly SqlValue[]) {
	checkParams(params);
	return sql.unsafe(text, params as postgres.ParameterOrJSON<never>[]);
}

async function rows<T>(sql: Sql | TxSql, text: string, params: readonly SqlValue[]): Promise<T[]> {
	// A plain array: the library's result also carries count, columns and statement.
	return [...(await query(sql, text, params))] as T[];
}

async function run(sql: Sql | TxSql, text: string, params: readonly SqlValue[]) {
	const result = await query(sql, text, params);
	return { changes: result.count ?? 0 };
}

async function exec(sql: Sql | TxSql, text: string): Promise<void> {
	// The simple protocol accepts several statements in one string; the extended one does not.
	await sql.unsafe(text).simple();
}
