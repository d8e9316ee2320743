import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/lib/server/db/migrate';
import { openPostgres } from '../../src/lib/server/db/postgres';
import type { Store } from '../../src/lib/server/db/store';
import { renderMetrics } from '../../src/lib/server/ops/metrics';
import { checkReadiness, EXPECTED_SCHEMA } from '../../src/lib/server/ops/readiness';
import { describeStores } from './stores';

/** Readiness (/api/health/ready's check) and the pool's metrics on each store. */
describeStores('readiness', (db, dialect) => {
	const opened = (store: Store) => () => Promise.resolve(store);

	it('is not ready before the migrations are applied, and says so; ready after', async () => {
		const { store } = db();
		const before = await checkReadiness(opened(store));
		expect(before).toEqual({
			ok: false,
			reason: `migrations not applied: the database is at migration 0, this server needs ${EXPECTED_SCHEMA}`,
			schema: 0,
			expected: EXPECTED_SCHEMA
		});
		await migrate(store);
		expect(await checkReadiness(opened(store))).toEqual({
			ok: true,
			schema: EXPECTED_SCHEMA,
			expected: EXPECTED_SCHEMA
		});
	});

	it('is not ready on a schema newer than this code knows', async () => {
		const { store } = db();
		await migrate(store);
		await store.run('INSERT INTO schema_migrations (id, name, applied_at) VALUES ($1, $2, $3)', [
			EXPECTED_SCHEMA + 1,
			'from-the-future',
			new Date().toISOString()
		]);
		const readiness = await checkReadiness(opened(store));
		expect(readiness.ok).toBe(false);
		expect(readiness.reason).toMatch(/newer than this server's/);
	});

	it('is not ready when the database does not answer, without naming it', async () => {
		const { store } = db();
		await migrate(store);
		await store.close();
		const readiness = await checkReadiness(opened(store));
		expect(readiness).toEqual({
			ok: false,
			reason: 'the database is unreachable',
			expected: EXPECTED_SCHEMA
		});
	});

	it('is not ready when the database hangs, within the time it was given', async () => {
		const { store } = db();
		const hanging = { ...store, get: () => new Promise<never>(() => undefined) } as Store;
		const started = Date.now();
		const readiness = await checkReadiness(opened(hanging), 200);
		expect(readiness.reason).toBe('the database did not answer within 200 ms');
		expect(Date.now() - started).toBeLessThan(2000);
	});

	if (dialect === 'postgres') {
		it('reports the pool: its size, and the connections a slow query holds', async () => {
			const { store } = db();
			await migrate(store);
			expect(store.poolStats?.()).toEqual({ size: 4, inUse: 0, waiting: 0 });
			const slow = Promise.all(
				Array.from({ length: 6 }, () => store.get('SELECT pg_sleep(0.3) AS slept'))
			);
			await new Promise((resolve) => setTimeout(resolve, 50));
			expect(store.poolStats?.()).toEqual({ size: 4, inUse: 4, waiting: 2 });
			const text = await renderMetrics(store);
			expect(text).toMatch(/^yol_db_pool_size 4$/m);
			expect(text).toMatch(/^yol_db_pool_in_use 4$/m);
			expect(text).toMatch(/^yol_db_pool_waiting 2$/m);
			expect(text).toMatch(/^yol_devices_active\{window="24h"\} 0$/m);
			await slow;
			expect(store.poolStats?.()).toEqual({ size: 4, inUse: 0, waiting: 0 });
		});
	}
});

describe('readiness with no PostgreSQL listening', () => {
	it('answers not ready, naming neither host nor port', async () => {
		const store = openPostgres({ url: 'postgres://yol:yol@127.0.0.1:9/nowhere', max: 1 });
		try {
			const readiness = await checkReadiness(() => Promise.resolve(store), 5000);
			expect(readiness).toEqual({
				ok: false,
				reason: 'the database is unreachable',
				expected: EXPECTED_SCHEMA
			});
		} finally {
			await store.close();
		}
	});
});
