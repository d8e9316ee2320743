import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { OUTCOMES, type MutationResult } from '../../domain/sync/protocol';
import type { Store } from '../db/store';

/**
 * The server's Prometheus metrics (served by /metrics, see access.ts for who may read them).
 * A registry of its own rather than prom-client's global one, so a second copy of this module
 * (Vite's dev server reloads modules) never fails on a metric registered twice.
 *
 * Labels hold only route ids (`/api/sync/push`, `/api/admin/users/[id]`), methods, statuses and
 * outcomes: a bounded set, and nothing that names a person.
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'yol_' });

const requests = new Counter({
	name: 'yol_http_requests_total',
	help: 'Requests answered, by route id (unmatched for no route), method and status.',
	labelNames: ['route', 'method', 'status'] as const,
	registers: [registry]
});

/** Sync rounds are what devices wait on: their latency decides whether the field is served well. */
const SYNC_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

const pushSeconds = new Histogram({
	name: 'yol_sync_push_duration_seconds',
	help: 'Time to answer POST /api/sync/push, from the request to its answer, by status.',
	labelNames: ['status'] as const,
	buckets: SYNC_BUCKETS,
	registers: [registry]
});

const pullSeconds = new Histogram({
	name: 'yol_sync_pull_duration_seconds',
	help: 'Time to answer GET /api/sync/pull, from the request to its answer, by status.',
	labelNames: ['status'] as const,
	buckets: SYNC_BUCKETS,
	registers: [registry]
});

const mutations = new Counter({
	name: 'yol_sync_mutations_total',
	help:
		'Mutations in accepted pushes, by the answer each got: applied, merged (another field ' +
		'changed meanwhile), duplicate (sent again), conflict (set aside), rejected (refused).',
	labelNames: ['outcome'] as const,
	registers: [registry]
});
// Every outcome from zero, so a rate() over a fresh server is 0 rather than absent.
for (const outcome of OUTCOMES) mutations.inc({ outcome }, 0);

const devicesActive = new Gauge({
	name: 'yol_devices_active',
	help: 'Devices not revoked that pushed within the window (1h, 24h, 7d).',
	labelNames: ['window'] as const,
	registers: [registry]
});

// Registered once a store with a pool is seen (see renderMetrics).
const poolSize = new Gauge({
	name: 'yol_db_pool_size',
	help: 'PostgreSQL connections this app server may open (YOL_PG_POOL_MAX).',
	registers: []
});
const poolInUse = new Gauge({
	name: 'yol_db_pool_in_use',
	help: 'PostgreSQL connections busy with a query or transaction now.',
	registers: []
});
const poolWaiting = new Gauge({
	name: 'yol_db_pool_waiting',
	help: 'Queries and transactions waiting for a free PostgreSQL connection now.',
	registers: []
});

const WINDOWS = { '1h': 3600e3, '24h': 86400e3, '7d': 7 * 86400e3 } as const;

/** One answered request (hooks.server.ts calls it for every request SvelteKit sees). */
export function observeRequest(
	route: string | null,
	method: string,
	status: number,
	seconds: number
): void {
	requests.inc({ route: route ?? 'unmatched', method, status: String(status) });
	const labels = { status: String(status) };
	if (route === '/api/sync/push' && method === 'POST') pushSeconds.observe(labels, seconds);
	if (route === '/api/sync/pull' && method === 'GET') pullSeconds.observe(labels, seconds);
}

/** The answers of one applied push (sync/http.ts). */
export function countMutations(results: readonly MutationResult[]): void {
	for (const result of results) mutations.inc({ outcome: result.outcome });
}

/** The text a scraper reads; the store's gauges are read now, not kept up to date in between. */
export async function renderMetrics(store: Store | undefined, now = new Date()): Promise<string> {
	if (store) {
		// Read before this scrape's own queries, which would otherwise count themselves.
		const pool = store.poolStats?.();
		// SQLite has one connection and no pool: its gauges are left out rather than faked.
		if (pool) {
			if (!registry.getSingleMetric('yol_db_pool_size')) {
				for (const gauge of [poolSize, poolInUse, poolWaiting]) registry.registerMetric(gauge);
			}
			poolSize.set(pool.size);
			poolInUse.set(pool.inUse);
			poolWaiting.set(pool.waiting);
		}
		for (const [window, ms] of Object.entries(WINDOWS)) {
			const row = await store.get<{ n: number }>(
				'SELECT count(*) AS n FROM devices WHERE last_seen > $1 AND revoked_at IS NULL',
				[new Date(now.getTime() - ms).toISOString()]
			);
			devicesActive.set({ window }, row?.n ?? 0);
		}
	}
	return registry.metrics();
}

export const METRICS_CONTENT_TYPE = registry.contentType;
