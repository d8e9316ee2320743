import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe } from 'vitest';
import { openPostgres } from '../../src/lib/server/db/postgres';
import { openSqlite } from '../../src/lib/server/db/sqlite';
import type { Dialect, Store } from '../../src/lib/server/db/store';

/** One empty database for one test; `another()` opens a second connection (pool) to it. */
export interface TestDb {
	store: Store;
	another(): Store;
	dispose(): Promise<void>;
}

interface Target {
	dialect: Dialect;
	/** Why the target is skipped, or undefined when it runs. */
	skipped?: string;
	fresh(): Promise<TestDb>;
}

const databaseUrl = process.env.DATABASE_URL?.trim() || undefined;

const sqlite: Target = {
	dialect: 'sqlite',
	async fresh() {
		const dir = await mkdtemp(join(tmpdir(), 'yol-store-'));
		const file = join(dir, 'test.sqlite');
		return track(
			openSqlite(file),
			() => openSqlite(file),
			() => rm(dir, { recursive: true })
		);
	}
};

const postgres: Target = {
	dialect: 'postgres',
	skipped: databaseUrl
		? undefined
		: 'DATABASE_URL is unset; run: export DATABASE_URL=$(bash .ci/postgres.sh)',
	async fresh() {
		const url = databaseUrl ?? '';
		// A schema per test keeps runs (and parallel test files) from seeing each other's tables.
		const schema = `yol_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
		const admin = openPostgres({ url, max: 1 });
		await admin.exec(`CREATE SCHEMA ${schema}`);
		const open = () => openPostgres({ url, schema, max: 4 });
		return track(open(), open, async () => {
			await admin.exec(`DROP SCHEMA ${schema} CASCADE`);
			await admin.close();
		});
	}
};

export const targets: readonly Target[] = [sqlite, postgres];

if (postgres.skipped) {
	console.warn(`\n[integration] PostgreSQL store tests SKIPPED: ${postgres.skipped}\n`);
}

/**
 * Declares the same tests once per store. `db()` returns a fresh, empty database for the
 * current test, disposed of after it.
 */
export function describeStores(
	title: string,
	body: (db: () => TestDb, dialect: Dialect) => void
): void {
	describe.each(targets)(`${title} on $dialect`, (target) => {
		describe.skipIf(target.skipped !== undefined)(target.skipped ?? 'fresh database', () => {
			let current: TestDb | undefined;
			beforeEach(async () => {
				current = await target.fresh();
			});
			afterEach(async () => {
				await current?.dispose();
				current = undefined;
			});
			body(() => {
				if (!current) throw new Error('db() is only available inside a test');
				return current;
			}, target.dialect);
		});
	});
}

function track(store: Store, open: () => Store, cleanup: () => Promise<void>): TestDb {
	const opened = [store];
	return {
		store,
		another() {
			const extra = open();
			opened.push(extra);
			return extra;
		},
		async dispose() {
			await Promise.all(opened.map((s) => s.close()));
			await cleanup();
		}
	};
}
