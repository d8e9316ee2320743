import { expect, it, vi } from 'vitest';
import type { IndicatorValue } from '../../src/lib/domain/indicators';
import { SEED_INDICATORS } from '../../src/lib/domain/seed/catalogue';
import { generateDemoValues } from '../../src/lib/domain/seed/demo-values';
import { SEED_LOCATIONS } from '../../src/lib/domain/seed/locations';
import {
	CLIENT_SCHEMA_VERSION,
	PROTOCOL_VERSION,
	type Change,
	type Mutation,
	type PushResponse
} from '../../src/lib/domain/sync/protocol';
import { valueId } from '../../src/lib/domain/value-id';
import { migrate } from '../../src/lib/server/db/migrate';
import type { Store } from '../../src/lib/server/db/store';
import { seedDemo } from '../../src/lib/server/demo';
import { handlePull, handlePush, TOO_OLD } from '../../src/lib/server/sync/http';
import { pullChanges } from '../../src/lib/server/sync/pull';
import { applyPush } from '../../src/lib/server/sync/push';
import { describeStores } from './stores';
import { COORDINATOR } from '../factories/actors';

/** A few valid value records: one district, January 2026, as the devices' own seed makes them. */
const SAMPLES: IndicatorValue[] = generateDemoValues({
	locations: SEED_LOCATIONS.filter((l) => l.id === 'az' || l.id === 'dist-yasamal'),
	from: '2026-01-01',
	to: '2026-01-31'
}).filter((v) => v.cell === 'total' && v.value !== null);

function sample(i: number): IndicatorValue {
	const value = SAMPLES[i];
	if (!value) throw new Error(`no sample ${i}`);
	return { ...value, comment: '', rev: 0 };
}

let mutationCounter = 0;

function put(
	seq: number,
	record: IndicatorValue,
	baseRev: number,
	changed: string[] = ['value', 'comment']
): Mutation {
	return {
		seq,
		mutationId: `m-${++mutationCounter}-${seq}`,
		entity: 'value',
		entityId: record.id,
		op: 'put',
		baseRev,
		changed,
		data: { ...record, rev: baseRev }
	};
}

function push(store: Store, deviceId: string, mutations: Mutation[]): Promise<PushResponse> {
	return applyPush(
		store,
		{
			protocol: PROTOCOL_VERSION,
			schema: CLIENT_SCHEMA_VERSION,
			deviceId,
			mutations
		},
		COORDINATOR
	);
}

async function ready(store: Store): Promise<Store> {
	await migrate(store);
	return store;
}

async function valueRecord(store: Store, id: string): Promise<Change | undefined> {
	const { changes } = await pullChanges(store, 0, 5000);
	return changes.filter((c) => c.entityId === id).at(-1);
}

async function count(store: Store, table: string): Promise<number> {
	const row = await store.get<{ n: number }>(`SELECT count(*) AS n FROM ${table}`);
	return row?.n ?? 0;
}

const BASE = 'http://yol.test/api/sync';

describeStores('sync', (db, dialect) => {
	it('creates a value, then updates it at a new revision', async () => {
		const store = await ready(db().store);
		const v = sample(0);
		const first = await push(store, 'dev-a', [put(1, v, 0)]);
		expect(first).toEqual({ results: [{ seq: 1, outcome: 'applied', rev: 1 }], lastSeq: 1 });
		const second = await push(store, 'dev-a', [put(2, { ...v, value: 7 }, 1, ['value'])]);
		expect(second).toEqual({ results: [{ seq: 2, outcome: 'applied', rev: 2 }], lastSeq: 2 });
		const record = await valueRecord(store, v.id);
		expect(record).toMatchObject({ rev: 2, deleted: false, data: { value: 7, rev: 2 } });
	});

	it('answers a retried push from the log and applies nothing twice', async () => {
		const store = await ready(db().store);
		const mutations = [
			put(1, sample(0), 0),
			put(2, { ...sample(1), value: 'many' as unknown as number }, 0),
			put(3, sample(1), 0)
		];
		const first = await push(store, 'dev-a', mutations);
		expect(first.results.map((r) => r.outcome)).toEqual(['applied', 'rejected', 'applied']);
		const again = await push(store, 'dev-a', mutations);
		expect(again).toEqual({
			results: [
				{ seq: 1, outcome: 'duplicate', rev: first.results[0]?.rev },
				{ seq: 2, outcome: 'rejected', reason: first.results[1]?.reason },
				{ seq: 3, outcome: 'duplicate', rev: first.results[2]?.rev }
			],
			lastSeq: 3
		});
		expect(await count(store, 'records')).toBe(2);
		expect(await count(store, 'mutation_log')).toBe(3);
		expect((await pullChanges(store, 0, 100)).cursor).toBe(2);
		// A different change sent under a used seq is refused, not taken for the old one.
		const reused = await push(store, 'dev-a', [put(3, sample(2), 0)]);
		expect(reused.results[0]).toMatchObject({ seq: 3, outcome: 'rejected' });
		expect(await count(store, 'records')).toBe(2);
	});

	it('forgets the answers a device can no longer ask for again, and keeps the rest', async () => {
		const store = await ready(db().store);
		await push(store, 'dev-a', [put(1, sample(0), 0), put(2, sample(1), 0)]);
		await push(store, 'dev-b', [put(1, sample(2), 0)]);
		expect(await count(store, 'mutation_log')).toBe(3);
		// dev-a now sends seq 3: it had the answers for 1 and 2, so it will never resend them.
		const third = put(3, sample(3), 0);
		await push(store, 'dev-a', [third]);
		const rows = await store.all<{ device_id: string; seq: number }>(
			'SELECT device_id, seq FROM mutation_log ORDER BY device_id, seq'
		);
		expect(rows).toEqual([
			{ device_id: 'dev-a', seq: 3 },
			{ device_id: 'dev-b', seq: 1 }
		]);
		// The retry of seq 3 (its answer lost) is still answered from the log.
		const retry = await push(store, 'dev-a', [third]);
		expect(retry.results[0]?.outcome).toBe('duplicate');
	});

	it('keeps the answers above what a device says it settled, and answers their resend as first', async () => {
		const store = await ready(db().store);
		const send = (mutations: Mutation[], settledThrough?: number) =>
			applyPush(
				store,
				{
					protocol: PROTOCOL_VERSION,
					schema: CLIENT_SCHEMA_VERSION,
					deviceId: 'dev-a',
					...(settledThrough === undefined ? {} : { settledThrough }),
					mutations
				},
				COORDINATOR
			);
		const first = [
			put(1, sample(0), 0),
			put(2, { ...sample(1), value: 'many' as unknown as number }, 0),
			put(3, sample(1), 0)
		];
		const answer = await send(first, 0);
		expect(answer.keepsUnsettled).toBe(true);
		// The next push goes out while the device still writes the first answer down.
		const next = await send([put(4, sample(2), 0)], 0);
		expect(next).toMatchObject({ lastSeq: 4, keepsUnsettled: true });
		expect(await count(store, 'mutation_log')).toBe(4);
		// The tab closed before that answer was written: the same changes go again.
		const again = await send(first, 0);
		expect(again.results).toEqual([
			{ seq: 1, outcome: 'duplicate', rev: answer.results[0]?.rev },
			{ seq: 2, outcome: 'rejected', reason: answer.results[1]?.reason },
			{ seq: 3, outcome: 'duplicate', rev: answer.results[2]?.rev }
		]);
		expect(await count(store, 'records')).toBe(3);
		// Settled through 3: those lines go, and never past the push's own first seq.
		await send([put(5, sample(3), 0)], 3);
		const seqs = await store.all<{ seq: number }>('SELECT seq FROM mutation_log ORDER BY seq');
		expect(seqs.map((r) => r.seq)).toEqual([4, 5]);
		await send([put(6, sample(4), 0)], 99);
		expect(await count(store, 'mutation_log')).toBe(1);
		// A device that does not say (an older app) is answered as before, every seq below its
		// push's first taken as settled.
		const old = await send([put(7, sample(5), 0)]);
		expect(old).toEqual({ results: [{ seq: 7, outcome: 'applied', rev: 6 }], lastSeq: 7 });
	});

	it('keeps the second of two devices editing one value from one base as a conflict', async () => {
		const store = await ready(db().store);
		const v = sample(0);
		await push(store, 'dev-a', [put(1, v, 0)]);
		const b = await push(store, 'dev-b', [put(1, { ...v, value: 10 }, 1, ['value'])]);
		const c = await push(store, 'dev-c', [put(1, { ...v, value: 20 }, 1, ['value'])]);
		expect(b.results[0]).toEqual({ seq: 1, outcome: 'applied', rev: 2 });
		expect(c.results[0]).toMatchObject({ seq: 1, outcome: 'conflict' });
		expect(c.lastSeq).toBe(1);
		const conflict = await store.get<Record<string, unknown>>(
			'SELECT * FROM conflicts WHERE id = $1',
			[c.results[0]?.conflictId ?? '']
		);
		expect(conflict).toMatchObject({
			entity: 'value',
			entity_id: v.id,
			base_rev: 1,
			server_rev: 2,
			device_id: 'dev-c',
			resolved_at: null
		});
		expect(JSON.parse(String(conflict?.fields))).toEqual(['value']);
		expect(JSON.parse(String(conflict?.yours))).toMatchObject({ value: 20 });
		expect(JSON.parse(String(conflict?.theirs))).toMatchObject({ value: 10 });
		expect(await valueRecord(store, v.id)).toMatchObject({ rev: 2, data: { value: 10 } });
		// A new value from two devices (both base 0) is the same record: the second conflicts.
		const w = sample(1);
		await push(store, 'dev-b', [put(2, { ...w, value: 1 }, 0)]);
		const late = await push(store, 'dev-c', [put(2, { ...w, value: 2 }, 0)]);
		expect(late.results[0]?.outcome).toBe('conflict');
	});

	it('merges edits of different fields made from the same base', async () => {
		const store = await ready(db().store);
		const v = sample(0);
		await push(store, 'dev-a', [put(1, v, 0)]);
		await push(store, 'dev-b', [put(1, { ...v, value: 10 }, 1, ['value'])]);
		const c = await push(store, 'dev-c', [put(1, { ...v, comment: 'checked' }, 1, ['comment'])]);
		expect(c.results[0]).toEqual({ seq: 1, outcome: 'merged', rev: 3 });
		expect(await valueRecord(store, v.id)).toMatchObject({
			rev: 3,
			data: { value: 10, comment: 'checked', rev: 3 }
		});
	});

	it("never makes a device's own later edit on the same base conflict with its earlier one", async () => {
		const store = await ready(db().store);
		const v = sample(0);
		await push(store, 'dev-a', [put(1, v, 0)]);
		// Edited again before the first push was answered: still on base 0.
		const second = await push(store, 'dev-a', [put(2, { ...v, value: 99 }, 0, ['value'])]);
		expect(second.results[0]).toEqual({ seq: 2, outcome: 'merged', rev: 2 });
		expect(await valueRecord(store, v.id)).toMatchObject({ data: { value: 99 } });
		expect(await count(store, 'conflicts')).toBe(0);
	});

	it('rejects an invalid mutation naming the field, and goes on with the next', async () => {
		const store = await ready(db().store);
		const bad = put(1, { ...sample(0), value: 'abc' as unknown as number }, 0);
		const wrongCell = put(2, { ...sample(1), cell: 'sex=other' }, 0);
		const fine = put(3, sample(2), 0);
		const result = await push(store, 'dev-a', [bad, wrongCell, fine]);
		expect(result.lastSeq).toBe(3);
		expect(result.results[0]).toMatchObject({ outcome: 'rejected' });
		expect(result.results[0]?.reason).toMatch(/^value: /);
		expect(result.results[1]?.reason).toMatch(/^cell: /);
		expect(result.results[2]).toEqual({ seq: 3, outcome: 'applied', rev: 1 });
		const unknownIndicator = await push(store, 'dev-a', [
			put(4, { ...sample(0), indicatorId: 'ind-nope' }, 0)
		]);
		expect(unknownIndicator.results[0]?.reason).toMatch(/^indicatorId: /);
	});

	it('refuses to move a stored value to another place, indicator, period or cell, and keeps it as it was', async () => {
		const store = await ready(db().store);
		const v = sample(0);
		const other = SAMPLES.find((s) => s.indicatorId !== v.indicatorId && s.period === v.period);
		if (!other) throw new Error('no sample of another indicator');
		await push(store, 'dev-a', [put(1, v, 0)]);
		const moves = [
			put(2, { ...v, locationId: 'az' === v.locationId ? 'dist-yasamal' : 'az' }, 1, [
				'locationId'
			]),
			put(3, { ...v, indicatorId: other.indicatorId }, 1, ['indicatorId']),
			put(4, { ...v, period: '2026-02' }, 1, ['period']),
			put(5, { ...v, cell: 'sex=female' }, 1, ['cell'])
		];
		const answer = await push(store, 'dev-a', [...moves, put(6, { ...v, value: 8 }, 1, ['value'])]);
		expect(answer.lastSeq).toBe(6);
		expect(answer.results.map((r) => r.reason?.split(':')[0] ?? r.outcome)).toEqual([
			'locationId',
			'indicatorId',
			'period',
			'cell',
			'applied'
		]);
		expect(answer.results[0]?.reason).toBe(
			'locationId: a value cannot move to another place; enter it there as a new value instead'
		);
		// The value stayed in its cell; only the plain edit after the refusals reached it.
		const record = await valueRecord(store, v.id);
		expect(record?.data).toMatchObject({
			indicatorId: v.indicatorId,
			locationId: v.locationId,
			period: v.period,
			cell: v.cell,
			value: 8
		});
		expect(await count(store, 'records')).toBe(1);
	});

	it('refuses a second indicator with a code already in use, and a place moved inside itself', async () => {
		const store = await ready(db().store);
		const seed = SEED_INDICATORS.find((i) => i.formula === null);
		if (!seed) throw new Error('no seed indicator');
		const twin = { ...seed, id: 'ind-twin-of-seed' };
		const district = SEED_LOCATIONS.find((l) => l.level === 'district');
		const region = SEED_LOCATIONS.find((l) => l.id === district?.parentId);
		if (!district || !region) throw new Error('no district with a region');
		const mutation = (seq: number, entity: Mutation['entity'], data: { id: string } & object) => ({
			seq,
			mutationId: `m-${++mutationCounter}-${seq}`,
			entity,
			entityId: data.id,
			op: 'put' as const,
			baseRev: 0,
			changed: Object.keys(data),
			data
		});
		const result = await push(store, 'dev-a', [
			mutation(1, 'indicator', twin),
			// The region under its own district: each alone names an existing place.
			mutation(2, 'location', { ...region, parentId: district.id } as { id: string })
		]);
		expect(result.results[0]?.outcome).toBe('rejected');
		expect(result.results[0]?.reason).toBe(
			`code: ${seed.code} is already the code of another indicator`
		);
		expect(result.results[1]?.outcome).toBe('rejected');
		expect(result.results[1]?.reason).toMatch(/^parentId: .*cannot contain itself/);
		expect(await count(store, 'records')).toBe(0);
		// The same code on the indicator itself (an edit) is of course fine.
		const edit = await push(store, 'dev-a', [mutation(3, 'indicator', { ...seed })]);
		expect(edit.results[0]?.outcome).toBe('applied');
	});

	it('pages a pull with a cursor and hasMore, resumable from any page', async () => {
		const store = await ready(db().store);
		await push(
			store,
			'dev-a',
			[0, 1, 2, 3, 4].map((i) => put(i + 1, sample(i), 0))
		);
		const seen: number[] = [];
		let cursor = 0;
		let pages = 0;
		for (;;) {
			const page = await pullChanges(store, cursor, 2);
			pages += 1;
			seen.push(...page.changes.map((c) => c.rev));
			cursor = page.cursor;
			if (!page.hasMore) break;
		}
		expect(pages).toBe(3);
		expect(seen).toEqual([1, 2, 3, 4, 5]);
		expect(await pullChanges(store, cursor, 2)).toEqual({
			remaining: 0,
			changes: [],
			cursor: 5,
			hasMore: false,
			scope: 'all'
		});
		expect((await pullChanges(store, 3, 2)).changes.map((c) => c.rev)).toEqual([4, 5]);
		// Exactly a full page left: hasMore is false, not a wasted round trip.
		expect((await pullChanges(store, 3, 2)).hasMore).toBe(false);
	});

	it('deletes as a tombstone at a new revision, pulled like any change', async () => {
		const store = await ready(db().store);
		const v = sample(0);
		await push(store, 'dev-a', [put(1, v, 0)]);
		const del: Mutation = { ...put(2, v, 1, []), op: 'delete', data: null };
		const result = await push(store, 'dev-a', [del]);
		expect(result.results[0]).toEqual({ seq: 2, outcome: 'applied', rev: 2 });
		const { changes } = await pullChanges(store, 1, 10);
		expect(changes).toHaveLength(1);
		expect(changes[0]).toMatchObject({ rev: 2, deleted: true, data: { id: v.id, deleted: true } });
		expect(await count(store, 'records')).toBe(1);
		// Deleting what another device changed since the delete's base is a conflict.
		const w = sample(1);
		await push(store, 'dev-a', [put(3, w, 0)]);
		await push(store, 'dev-b', [put(1, { ...w, value: 5 }, 3, ['value'])]);
		const late = await push(store, 'dev-a', [{ ...put(4, w, 3, []), op: 'delete', data: null }]);
		expect(late.results[0]?.outcome).toBe('conflict');
	});

	it('checks versions, size and shape before writing anything (push and pull routes)', async () => {
		const store = await ready(db().store);
		const context = { store, bodyLimit: 4096, actor: COORDINATOR };
		const body = (over: Record<string, unknown> = {}) =>
			JSON.stringify({
				protocol: PROTOCOL_VERSION,
				schema: CLIENT_SCHEMA_VERSION,
				deviceId: 'dev-a',
				mutations: [put(1, sample(0), 0)],
				...over
			});
		const post = (text: string, headers: Record<string, string> = {}) =>
			handlePush(
				new Request(`${BASE}/push`, {
					method: 'POST',
					body: text,
					headers: { 'content-type': 'application/json', ...headers }
				}),
				context
			);

		const old = await post(body({ protocol: PROTOCOL_VERSION - 1, mutations: 'whatever' }));
		expect(old.status).toBe(426);
		expect(await old.json()).toEqual({ error: TOO_OLD });

		const bad = await post(body({ mutations: [{ ...put(1, sample(0), 0), seq: 0 }] }));
		expect(bad.status).toBe(400);
		expect(bad.headers.get('cache-control')).toBe('no-store');
		expect(await bad.json()).toMatchObject({ field: 'mutations.0.seq' });

		const malformed = await post('{"protocol": 1,');
		expect(malformed.status).toBe(400);
		expect(await malformed.json()).toMatchObject({ error: expect.stringMatching(/JSON/) });

		const huge = body({ deviceId: 'dev-a', padding: 'x'.repeat(5000) });
		expect((await post(huge, { 'content-length': String(huge.length) })).status).toBe(413);
		// Without a Content-Length (chunked), counted while reading.
		const stream = new ReadableStream<Uint8Array>({
			start(controller) {
				controller.enqueue(new TextEncoder().encode(huge));
				controller.close();
			}
		});
		const chunked = await handlePush(
			new Request(`${BASE}/push`, {
				method: 'POST',
				body: stream,
				headers: { 'content-type': 'application/json' },
				duplex: 'half'
			} as RequestInit),
			context
		);
		expect(chunked.status).toBe(413);
		expect(await count(store, 'records')).toBe(0);
		expect(await count(store, 'devices')).toBe(0);

		const ok = await post(body());
		expect(ok.status).toBe(200);
		expect(ok.headers.get('cache-control')).toBe('no-store');
		expect(await ok.json()).toEqual({
			results: [{ seq: 1, outcome: 'applied', rev: 1 }],
			lastSeq: 1
		});

		const versions = `protocol=${PROTOCOL_VERSION}&schema=${CLIENT_SCHEMA_VERSION}`;
		const pulled = await handlePull(new URL(`${BASE}/pull?after=0&limit=10&${versions}`), context);
		expect(pulled.status).toBe(200);
		expect(pulled.headers.get('cache-control')).toBe('no-store');
		expect(await pulled.json()).toMatchObject({ cursor: 1, hasMore: false });
		const badAfter = await handlePull(new URL(`${BASE}/pull?after=-1&${versions}`), context);
		expect(badAfter.status).toBe(400);
		expect(await badAfter.json()).toMatchObject({ field: 'after' });
		const oldPull = await handlePull(new URL(`${BASE}/pull?after=0&protocol=0&schema=1`), context);
		expect(oldPull.status).toBe(426);
	});

	it('answers 503 only when the store is unavailable; a fault in the push is a 500', async () => {
		const store = await ready(db().store);
		const failing = (error: Error): Store => ({
			...store,
			dialect: store.dialect,
			transaction: () => Promise.reject(error)
		});
		const request = () =>
			new Request(`${BASE}/push`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({
					protocol: PROTOCOL_VERSION,
					schema: CLIENT_SCHEMA_VERSION,
					deviceId: 'dev-a',
					mutations: [put(1, sample(0), 0)]
				})
			});
		const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
		const busy = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
		const gone = Object.assign(new Error('terminating connection'), { code: '57P01' });
		for (const error of [busy, gone]) {
			const answer = await handlePush(request(), {
				store: failing(error),
				bodyLimit: 1 << 20,
				actor: COORDINATOR
			});
			expect(answer.status, error.message).toBe(503);
		}
		const bug = await handlePush(request(), {
			store: failing(new RangeError('Maximum call stack size exceeded')),
			bodyLimit: 1 << 20,
			actor: COORDINATOR
		});
		expect(bug.status).toBe(500);
		expect(await bug.json()).toEqual({
			error: expect.stringMatching(/^The server failed to take this push/)
		});
		quiet.mockRestore();
		expect(await count(store, 'records')).toBe(0);
	});

	it('seeds the demo catalogue and values as records a first pull gets', async () => {
		const store = await ready(db().store);
		const started = performance.now();
		const summary = await seedDemo(store);
		const ms = performance.now() - started;
		console.info(
			`[sync] demo seed on ${dialect}: ${JSON.stringify(summary?.rows)} in ${ms.toFixed(0)} ms`
		);
		const total =
			SEED_LOCATIONS.length + SEED_INDICATORS.length + (summary?.rows.value ?? Number.NaN);
		expect(await count(store, 'records')).toBe(total);
		const first = await pullChanges(store, 0, 1000);
		expect(first.changes[0]).toMatchObject({ rev: 1, entity: 'location', entityId: 'az' });
		expect(first.hasMore).toBe(true);
		const last = await pullChanges(store, total - 1, 1000);
		expect(last).toMatchObject({ cursor: total, hasMore: false });
		const value = last.changes[0]?.data as IndicatorValue;
		expect(value.id).toBe(valueId(value.indicatorId, value.locationId, value.period, value.cell));
		expect(value.rev).toBe(total);
		// A device's edit on its own seeded copy (base 0) merges: nobody else changed it.
		const edited = await push(store, 'dev-a', [
			put(1, { ...value, rev: 0, value: 3, comment: 'x' }, 0, ['comment'])
		]);
		expect(edited.results[0]).toMatchObject({ outcome: 'merged', rev: total + 1 });
	}, 30_000); // the whole demo set: seconds on a busy machine

	it.runIf(dialect === 'postgres')(
		'gives concurrent pushes distinct revisions in commit order, so a pull never skips one',
		async () => {
			const { store, another } = db();
			await ready(store);
			const servers = [another(), another(), another(), another()];
			const pushes = SAMPLES.slice(0, 24).map((v, i) =>
				push(servers[i % servers.length] as Store, `dev-${i}`, [put(1, v, 0)])
			);
			const reader = another();
			const pulled: number[] = [];
			let cursor = 0;
			let done = false;
			const poll = (async () => {
				while (!done) {
					const page = await pullChanges(reader, cursor, 1000);
					pulled.push(...page.changes.map((c) => c.rev));
					cursor = page.cursor;
				}
			})();
			const results = await Promise.all(pushes);
			done = true;
			await poll;
			const rest = await pullChanges(reader, cursor, 1000);
			pulled.push(...rest.changes.map((c) => c.rev));
			const revs = results.map((r) => r.results[0]?.rev ?? 0).sort((a, b) => a - b);
			expect(revs).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
			// Read as it happened: every revision exactly once, in order, none skipped.
			expect(pulled).toEqual(revs);

			// One device's push retried on another app server while the first is still running:
			// applied once, the other answer a duplicate of it.
			const retried = [put(1, sample(30), 0), put(2, sample(31), 0)];
			const twice = await Promise.all(
				servers.slice(0, 2).map((server) => push(server, 'dev-retry', retried))
			);
			const outcomes = twice.map((r) => r.results.map((m) => m.outcome).join(','));
			expect(outcomes.sort()).toEqual(['applied,applied', 'duplicate,duplicate']);
			expect(await count(store, 'records')).toBe(26);
		}
	);

	it('applies a push of 1,200 values in three requests, one answer lost and sent again, once each', async () => {
		const store = await ready(db().store);
		const values = generateDemoValues({
			locations: SEED_LOCATIONS.filter((l) => l.id === 'az' || l.id === 'dist-yasamal'),
			from: '2023-01-01',
			to: '2026-06-30'
		})
			.filter((v) => v.value !== null)
			.slice(0, 1_200);
		expect(values).toHaveLength(1_200);
		const mutations = values.map((v, i) => put(i + 1, { ...v, rev: 0 }, 0));
		const first = await push(store, 'dev-a', mutations.slice(0, 500));
		const second = await push(store, 'dev-a', mutations.slice(500, 1_000));
		// The second answer never reached the device: it sends the same changes again.
		const again = await push(store, 'dev-a', mutations.slice(500, 1_000));
		const third = await push(store, 'dev-a', mutations.slice(1_000));
		expect(first.results.every((r) => r.outcome === 'applied')).toBe(true);
		expect(second.results.every((r) => r.outcome === 'applied')).toBe(true);
		expect(again.results).toEqual(second.results.map((r) => ({ ...r, outcome: 'duplicate' })));
		expect(third.lastSeq).toBe(1_200);
		// Row by row: one record, one revision and one audit line per value, in seq order.
		const records = await store.all<{ id: string; rev: number }>(
			`SELECT id, rev FROM records WHERE entity = 'value' ORDER BY rev`
		);
		expect(records.map((r) => r.id)).toEqual(values.map((v) => v.id));
		expect(records.map((r) => r.rev)).toEqual(values.map((_, i) => i + 1));
		expect((await store.get<{ rev: number }>('SELECT rev FROM sync_revision'))?.rev).toBe(1_200);
		const audit = await store.all<{ entity_id: string; action: string }>(
			`SELECT entity_id, action FROM audit WHERE entity = 'value' ORDER BY id`
		);
		expect(audit.map((a) => a.entity_id)).toEqual(values.map((v) => v.id));
		expect(audit.every((a) => a.action === 'create')).toBe(true);
		// Only the last request's answers are kept: the device has all the earlier ones.
		expect(await count(store, 'mutation_log')).toBe(200);
		const pulled = await pullChanges(store, 0, 5000);
		expect(pulled.changes).toHaveLength(1_200);
		// Who made it is the session's user, whatever the device sent (demo values say 'demo').
		expect(pulled.changes[0]?.data).toMatchObject({
			...values[0],
			rev: 1,
			deleted: false,
			updatedBy: COORDINATOR.userId
		});
	});

	it('within one push, sees a place created by an earlier change and a value written twice', async () => {
		const store = await ready(db().store);
		const place = {
			id: 'dist-new-place',
			parentId: 'az',
			level: 'district',
			name: { az: 'Yeni', en: 'New', ru: 'Новый' }
		};
		const atPlace = { ...sample(0), locationId: place.id };
		const id = valueId(atPlace.indicatorId, place.id, atPlace.period, atPlace.cell);
		const value = { ...atPlace, id };
		const twice = put(4, { ...value, value: 5 }, 0, ['value']);
		const response = await push(store, 'dev-a', [
			put(1, value, 0),
			{
				seq: 2,
				mutationId: 'm-place-2',
				entity: 'location',
				entityId: place.id,
				op: 'put',
				baseRev: 0,
				changed: Object.keys(place),
				data: place
			},
			put(3, value, 0),
			twice,
			// A change sent twice in one request: the second is answered as the first was.
			twice
		]);
		expect(response.results.map((r) => r.outcome)).toEqual([
			'rejected',
			'applied',
			'applied',
			'merged',
			'duplicate'
		]);
		expect(response.results[0]?.reason).toMatch(/^locationId: there is no place/);
		expect(response.results[4]).toEqual({ ...response.results[3], outcome: 'duplicate' });
		expect(await valueRecord(store, id)).toMatchObject({ rev: 3, data: { value: 5, rev: 3 } });
		const audit = await store.all<{ action: string }>(
			'SELECT action FROM audit WHERE entity_id = $1 ORDER BY id',
			[id]
		);
		expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
		expect(await count(store, 'mutation_log')).toBe(4);
	});
});
