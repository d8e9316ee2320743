import 'fake-indexeddb/auto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { YolDatabase } from '../../src/lib/db/database';
import { saveValue, type ValueInput } from '../../src/lib/db/values';
import type { IndicatorValue } from '../../src/lib/domain/indicators';
import { SEED_INDICATORS } from '../../src/lib/domain/seed/catalogue';
import { generateDemoValues } from '../../src/lib/domain/seed/demo-values';
import { SEED_LOCATIONS } from '../../src/lib/domain/seed/locations';
import {
	CLIENT_SCHEMA_VERSION,
	PROTOCOL_VERSION,
	type Mutation
} from '../../src/lib/domain/sync/protocol';
import { migrate } from '../../src/lib/server/db/migrate';
import { openSqlite } from '../../src/lib/server/db/sqlite';
import type { Store } from '../../src/lib/server/db/store';
import { handlePull, handlePush } from '../../src/lib/server/sync/http';
import { applyPush } from '../../src/lib/server/sync/push';
import { syncOnce } from '../../src/lib/sync/engine';
import { fetchTransport, type SyncTransport } from '../../src/lib/sync/transport';
import { COORDINATOR } from '../factories/actors';

/**
 * The client engine against the server's own push and pull handlers (SQLite store), through the
 * real fetch transport: the two halves of the protocol read each other's messages.
 */

let dir: string;
let store: Store;
const opened: YolDatabase[] = [];

const SAMPLE: IndicatorValue = generateDemoValues({
	locations: SEED_LOCATIONS.filter((l) => l.id === 'az' || l.id === 'dist-yasamal'),
	from: '2026-01-01',
	to: '2026-01-31'
}).find((v) => v.cell === 'total' && v.value !== null)!;

function input(value: number, comment = ''): ValueInput {
	const { indicatorId, locationId, period, cell } = SAMPLE;
	return { indicatorId, locationId, period, cell, value, comment };
}

function serverTransport(): SyncTransport {
	const context = { store, bodyLimit: 10_000_000, actor: COORDINATOR };
	return fetchTransport((request, init) => {
		const url = new URL(String(request), 'http://yol.test');
		return url.pathname.endsWith('/push')
			? handlePush(new Request(url, init), context)
			: handlePull(url, context);
	});
}

async function device() {
	const db = new YolDatabase(`real-${crypto.randomUUID()}`);
	await db.open();
	opened.push(db);
	const id = crypto.randomUUID();
	const net = serverTransport();
	return { db, id, sync: () => syncOnce(db, net, id) };
}

beforeEach(async () => {
	dir = await mkdtemp(join(tmpdir(), 'yol-client-'));
	store = openSqlite(join(dir, 'test.sqlite'));
	await migrate(store);
	// The catalogue the sample needs: its places (parents first) and its indicator.
	const places = ['az', 'dist-yasamal'].map((id) => SEED_LOCATIONS.find((l) => l.id === id)!);
	const indicator = SEED_INDICATORS.find((i) => i.id === SAMPLE.indicatorId)!;
	const records = [
		...places.map((l) => ({ entity: 'location' as const, data: l })),
		{ entity: 'indicator' as const, data: indicator }
	];
	const mutations: Mutation[] = records.map((r, i) => ({
		seq: i + 1,
		mutationId: `seed-${i}`,
		entity: r.entity,
		entityId: r.data.id,
		op: 'put',
		baseRev: 0,
		changed: Object.keys(r.data),
		data: r.data
	}));
	const seeded = await applyPush(
		store,
		{
			protocol: PROTOCOL_VERSION,
			schema: CLIENT_SCHEMA_VERSION,
			deviceId: 'seed-admin',
			mutations
		},
		COORDINATOR
	);
	expect(seeded.results.map((r) => r.outcome)).toEqual(['applied', 'applied', 'applied']);
});

afterEach(async () => {
	for (const db of opened.splice(0)) {
		db.close();
		await YolDatabase.delete(db.name);
	}
	await store.close();
	await rm(dir, { recursive: true });
});

describe('the engine against the real server handlers', () => {
	it('pushes, pulls, merges and keeps conflicts until both devices agree', async () => {
		const a = await device();
		const b = await device();
		await saveValue(a.db, input(10), 'ana');
		expect(await a.sync()).toMatchObject({ pushed: 1, pulled: 4, skipped: 0 });
		const afterA = await a.db.values.get(SAMPLE.id);
		expect(afterA).toMatchObject({ value: 10, syncState: 'synced' });
		expect(await a.db.indicators.count()).toBe(1);
		expect(await a.db.locations.count()).toBe(2);

		await b.sync();
		expect(await b.db.values.get(SAMPLE.id)).toMatchObject({ value: 10, rev: afterA!.rev });

		// Different fields merge; the same field conflicts.
		await saveValue(a.db, input(10, 'checked'), 'ana');
		await saveValue(b.db, input(11), 'bob');
		expect(await b.sync()).toMatchObject({ pushed: 1 });
		expect(await a.sync()).toMatchObject({ pushed: 1, conflicts: 0 });
		await b.sync();
		for (const d of [a, b]) {
			expect(await d.db.values.get(SAMPLE.id)).toMatchObject({
				value: 11,
				comment: 'checked',
				syncState: 'synced'
			});
		}

		await saveValue(a.db, input(20, 'checked'), 'ana');
		await saveValue(b.db, input(30, 'checked'), 'bob');
		await a.sync();
		expect(await b.sync()).toMatchObject({ conflicts: 1 });
		await a.sync();
		const [onA, onB] = await Promise.all([a, b].map((d) => d.db.values.get(SAMPLE.id)));
		expect(onA).toMatchObject({ value: 20, syncState: 'synced' });
		expect(onB).toMatchObject({ value: 20, syncState: 'conflict', rev: onA!.rev });
		expect(await a.db.outbox.count()).toBe(0);
		expect(await b.db.outbox.count()).toBe(0);
	});
});
