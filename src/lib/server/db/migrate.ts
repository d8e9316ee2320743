import { migrations as known, type Migration } from './migrations';
import type { Store } from './store';

export interface MigrateResult {
	/** Ids applied by this call, in order; empty when the schema was already current. */
	applied: number[];
	/** The newest migration id, now present in the database. */
	latest: number;
}

export class SchemaTooNewError extends Error {
	override name = 'SchemaTooNewError';
}

const CREATE_TABLE = {
	sqlite: `CREATE TABLE IF NOT EXISTS schema_migrations (
		id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`,
	postgres: `CREATE TABLE IF NOT EXISTS schema_migrations (
		id integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL)`
};

/**
 * Brings the schema up to date: applies each missing migration in its own transaction, together
 * with its `schema_migrations` row, so a failure leaves the database at the last good step.
 *
 * Every step first takes a lock: on PostgreSQL a transaction-level advisory lock, so app servers
 * starting together migrate once while the others wait and then find the work done; on SQLite the
 * write lock of BEGIN IMMEDIATE does the same across processes.
 *
 * Refuses (SchemaTooNewError) a database that a newer release has already migrated past this
 * code: running old code on a newer schema could write data the newer code misreads.
 */
export async function migrate(
	store: Store,
	list: readonly Migration[] = known
): Promise<MigrateResult> {
	checkOrder(list);
	const latest = list.at(-1)?.id ?? 0;
	const present = await store.transaction(async (tx) => {
		await lock(tx);
		await tx.exec(CREATE_TABLE[tx.dialect]);
		await refuseNewer(tx, latest);
		const rows = await tx.all<{ id: number }>('SELECT id FROM schema_migrations');
		return new Set(rows.map((row) => row.id));
	});
	const applied: number[] = [];
	for (const migration of list.filter((m) => !present.has(m.id))) {
		const didApply = await store.transaction(async (tx) => {
			await lock(tx);
			// Another server may have got here first while this one waited for the lock.
			await refuseNewer(tx, latest);
			const done = await tx.get('SELECT 1 AS done FROM schema_migrations WHERE id = $1', [
				migration.id
			]);
			if (done) return false;
			if (migration[tx.dialect].trim() !== '') await tx.exec(migration[tx.dialect]);
			await migration.run?.(tx);
			await tx.run('INSERT INTO schema_migrations (id, name, applied_at) VALUES ($1, $2, $3)', [
				migration.id,
				migration.name,
				new Date().toISOString()
			]);
			return true;
		});
		if (didApply) applied.push(migration.id);
	}
	return { applied, latest };
}

async function refuseNewer(tx: Store, latest: number): Promise<void> {
	const newest = await schemaVersion(tx);
	if (newest > latest) {
		throw new SchemaTooNewError(
			`The database schema is at migration ${newest}, but this version of Yol knows ` +
				`migrations up to ${latest} only. Run the newer release, or restore a backup.`
		);
	}
}

/** The newest migration id recorded in the database; 0 before the first migration. */
export async function schemaVersion(store: Store): Promise<number> {
	const row = await store.get<{ id: number | null }>('SELECT max(id) AS id FROM schema_migrations');
	return row?.id ?? 0;
}

async function lock(tx: Store): Promise<void> {
	if (tx.dialect !== 'postgres') return;
	// Keyed by schema, so separate schemas (one per test run) do not wait on each other.
	await tx.get(`SELECT pg_advisory_xact_lock(hashtext('yol.migrate.' || current_schema()))`);
}

function checkOrder(list: readonly Migration[]): void {
	list.forEach((migration, i) => {
		const previous = list[i - 1]?.id ?? 0;
		if (!Number.isInteger(migration.id) || migration.id <= previous) {
			throw new Error(
				`Migration ids must increase: ${migration.id} (${migration.name}) follows ${previous}`
			);
		}
	});
}
