import 'fake-indexeddb/auto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { YolDatabase } from '../../src/lib/db/database';
import { conflictsToReview, resolveConflict } from '../../src/lib/db/conflicts';
import { saveValue, type ValueInput } from '../../src/lib/db/values';
import type { IndicatorValue } from '../../src/lib/domain/indicators';
import { SEED_INDICATORS } from '../../src/lib/domain/seed/catalogue';
import { generateDemoValues } from '../../src/lib/domain/seed/demo-values';
import { SEED_LOCATIONS } from '../../src/lib/domain/seed/locations';
import {
	CLIENT_SCHEMA_VERSION,
	MAX_MUTATIONS_PER_PUSH,
	PROTOCOL_VERSION,
	type Mutation
} from '../../src/lib/domain/sync/protocol';
import { migrate } from '../../src/lib/server/db/migrate';
import { openSqlite } from '../../src/lib/server/db/sqlite';
import type { Store } from '../../src/lib/server/db/store';
import { handlePull, handlePush } from '../../src/lib/server/sync/http';
import { applyPush } from '../../src/lib/server/sync/push';
import { PULL_CURSOR_KEY, syncOnce } from '../../src/lib/sync/engine';
import { fetchTransport, type SyncTransport } from '../../src/lib/sync/transport';
import { COORDINATOR } from '../factories/actors';
import { storedValue, storedValues, storedValuesById } from '../factories/stored-values';

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
	it('pushes, pulls, merges and keeps conflicts until a person resolves one, and both devices agree', async () => {
		const a = await device();
		const b = await device();
		await saveValue(a.db, input(10), 'ana');
		expect(await a.sync()).toMatchObject({ pushed: 1, pulled: 4, skipped: 0 });
		const afterA = await storedValue(a.db, SAMPLE.id);
		expect(afterA).toMatchObject({ value: 10, syncState: 'synced' });
		expect(await a.db.indicators.count()).toBe(1);
		expect(await a.db.locations.count()).toBe(2);

		await b.sync();
		expect(await storedValue(b.db, SAMPLE.id)).toMatchObject({ value: 10, rev: afterA!.rev });

		// Different fields merge; the same field conflicts.
		await saveValue(a.db, input(10, 'checked'), 'ana');
		await saveValue(b.db, input(11), 'bob');
		expect(await b.sync()).toMatchObject({ pushed: 1 });
		expect(await a.sync()).toMatchObject({ pushed: 1, conflicts: 0 });
		await b.sync();
		for (const d of [a, b]) {
			expect(await storedValue(d.db, SAMPLE.id)).toMatchObject({
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
		const [onA, onB] = await Promise.all([a, b].map((d) => storedValue(d.db, SAMPLE.id)));
		// Both authors see it: the one whose edit was kept as much as the one set aside.
		expect(onA).toMatchObject({ value: 20, syncState: 'conflict' });
		expect(onB).toMatchObject({ value: 20, syncState: 'conflict', rev: onA!.rev });
		expect(await a.db.outbox.count()).toBe(0);
		expect(await b.db.outbox.count()).toBe(0);
		const [open] = await conflictsToReview(a.db);
		expect(open).toMatchObject({ yours: { value: 30 }, theirs: { value: 20 }, fields: ['value'] });
		expect(await conflictsToReview(b.db)).toHaveLength(1);

		// A takes B's set-aside 30; the resolution travels like any change.
		await resolveConflict(a.db, open!.id, 'yours', null, 'ana');
		expect(await conflictsToReview(a.db)).toHaveLength(0);
		expect(await a.sync()).toMatchObject({ pushed: 1, conflicts: 0, rejected: 0 });
		await b.sync();
		for (const d of [a, b]) {
			expect(await storedValue(d.db, SAMPLE.id)).toMatchObject({ value: 30, syncState: 'synced' });
			expect(await conflictsToReview(d.db)).toHaveLength(0);
			expect(await d.db.conflicts.get(open!.id)).toMatchObject({
				resolution: 'yours',
				// The server records who resolved it from the session, whatever the device said.
				resolvedBy: COORDINATOR.userId,
				resolvedValue: 30
			});
		}
	});
});

describe('a large push against the real server', () => {
	/** `count` new values on the device, saved offline as saveValue saves them (record + outbox). */
	async function offlineEdits(db: YolDatabase, count: number): Promise<IndicatorValue[]> {
		const values = generateDemoValues({
			locations: SEED_LOCATIONS,
			from: '2025-01-01',
			to: '2026-06-30'
		})
			.filter((v) => v.value !== null)
			.slice(0, count)
			.map((v) => ({ ...v, comment: 'counted offline', rev: 0 }));
		expect(values).toHaveLength(count);
		await db.transaction('rw', db.values, db.outbox, async () => {
			await db.values.bulkPut(values.map((v) => ({ ...v, syncState: 'local' as const })));
			await db.outbox.bulkAdd(
				values.map((v) => ({
					mutationId: crypto.randomUUID(),
					entity: 'value' as const,
					entityId: v.id,
					op: 'put' as const,
					baseRev: 0,
					changed: ['value', 'comment'],
					data: v,
					createdAt: v.updatedAt
				}))
			);
		});
		return values;
	}

	/** The real transport to the handlers, with a body limit, counting pushes; `afterPush` may fail one. */
	function transport(bodyLimit: number, afterPush: (call: number) => void = () => undefined) {
		const context = { store, bodyLimit, actor: COORDINATOR };
		const counts = { pushes: 0, refused: 0 };
		const net = fetchTransport(async (request, init) => {
			const url = new URL(String(request), 'http://yol.test');
			if (!url.pathname.endsWith('/push')) return handlePull(url, context);
			const response = await handlePush(new Request(url, init), context);
			if (response.status === 413) counts.refused += 1;
			else afterPush(++counts.pushes);
			return response;
		});
		return { net, counts };
	}

	async function expectAppliedOnce(values: IndicatorValue[], deviceId: string) {
		const ids = new Set(values.map((v) => v.id));
		const rows = await store.all<{ id: string; rev: number }>(
			`SELECT id, rev FROM records WHERE entity = 'value'`
		);
		expect(rows.filter((r) => ids.has(r.id))).toHaveLength(values.length);
		// One revision each, handed out in order, and the counter at the last one.
		const revs = rows.map((r) => r.rev).sort((x, y) => x - y);
		expect(new Set(revs).size).toBe(revs.length);
		const head = await store.get<{ rev: number }>('SELECT rev FROM sync_revision');
		expect(head?.rev).toBe(revs.at(-1));
		// One audit line per value: created once, never twice.
		const audit = await store.all<{ entity_id: string; n: number }>(
			`SELECT entity_id, count(*) AS n FROM audit WHERE entity = 'value' GROUP BY entity_id`
		);
		expect(audit).toHaveLength(values.length);
		expect(audit.every((a) => a.n === 1)).toBe(true);
		const device = await store.get<{ last_seq: number }>(
			'SELECT last_seq FROM devices WHERE device_id = $1',
			[deviceId]
		);
		expect(device?.last_seq).toBe(values.length);
		return new Map(rows.map((r) => [r.id, r.rev]));
	}

	it('goes in several pushes; with an answer lost midway, each edit is applied once', async () => {
		const db = new YolDatabase(`real-${crypto.randomUUID()}`);
		await db.open();
		opened.push(db);
		const id = crypto.randomUUID();
		const values = await offlineEdits(db, 2_200);
		const { net, counts } = transport(10_000_000, (call) => {
			if (call === 2) throw new TypeError('connection reset after the server answered');
		});

		await expect(syncOnce(db, net, id)).rejects.toThrow('No connection');
		// The first push's answer came: those edits left the outbox and their values are synced
		// (the pull never came, so they were settled from the answer); the second's did not.
		const left = await db.outbox.count();
		expect(left).toBeGreaterThan(0);
		expect(left).toBeLessThan(values.length);
		const afterFirst = (await storedValues(db)).filter((v) => v.syncState === 'synced').length;
		expect(afterFirst).toBe(values.length - left);

		const summary = await syncOnce(db, net, id);
		expect(counts.pushes).toBeGreaterThanOrEqual(4);
		expect(summary.rejected + summary.conflicts).toBe(0);
		expect(await db.outbox.count()).toBe(0);
		const revs = await expectAppliedOnce(values, id);
		const stored = await storedValuesById(
			db,
			values.map((v) => v.id)
		);
		for (const record of stored) {
			expect(record).toMatchObject({ syncState: 'synced', comment: 'counted offline' });
			expect(record!.rev).toBe(revs.get(record!.id));
		}
		// Nothing left over for a later round to settle.
		expect(await db.meta.where('key').startsWith('sync_acked:').count()).toBe(0);
	});

	it('sends the next push while an answer is written down; a tab closed before that loses no answer', async () => {
		const db = new YolDatabase(`real-${crypto.randomUUID()}`);
		await db.open();
		opened.push(db);
		const id = crypto.randomUUID();
		const values = await offlineEdits(db, 1_200);
		// One change of the first push the server refuses (a place it does not know).
		const poison = (await db.outbox.orderBy(':id').offset(10).first())!;
		await db.outbox.update(poison.seq!, { data: { ...poison.data!, locationId: 'nowhere' } });
		const bodies: { settledThrough?: number; first: number }[] = [];
		let secondAnswered: () => void = () => undefined;
		const answered = new Promise<void>((resolve) => (secondAnswered = resolve));
		const { net } = transport(10_000_000, (call) => {
			if (call === 2) secondAnswered();
		});
		const watched: SyncTransport = {
			push: (request, encoded) => {
				bodies.push({ settledThrough: request.settledThrough, first: request.mutations[0]!.seq });
				return net.push(request, encoded);
			},
			pull: (after, limit) => net.pull(after, limit)
		};
		// The tab closes while the first answer is being written down, after the second push
		// reached the server: that transaction never commits.
		const transaction = db.transaction.bind(db) as (...args: unknown[]) => Promise<unknown>;
		let closing = true;
		(db as unknown as { transaction: unknown }).transaction = (...args: unknown[]) => {
			if (!closing || args[0] !== 'rw' || !Array.isArray(args[1])) return transaction(...args);
			closing = false;
			return answered.then(() => Promise.reject(new Error('the tab closed')));
		};
		await expect(syncOnce(db, watched, id)).rejects.toThrow('the tab closed');
		(db as unknown as { transaction: unknown }).transaction = transaction;
		// The second push went out before the first answer was written, saying so.
		expect(bodies).toEqual([
			{ settledThrough: 0, first: 1 },
			{ settledThrough: 0, first: MAX_MUTATIONS_PER_PUSH + 1 }
		]);
		expect(await db.outbox.count()).toBe(values.length);

		// The next round sends everything again: the server answers as it first did, the refusal
		// with its reason (not a bare 'duplicate' that would pass it off as applied).
		const summary = await syncOnce(db, watched, id);
		expect(summary).toMatchObject({ rejected: 1, conflicts: 0 });
		expect(await db.outbox.count()).toBe(0);
		expect(await storedValue(db, poison.entityId)).toMatchObject({
			syncState: 'rejected',
			rejectReason: 'locationId: there is no place nowhere'
		});
		const applied = await store.get<{ n: number }>(
			`SELECT count(*) AS n FROM audit WHERE entity = 'value'`
		);
		expect(applied?.n).toBe(values.length - 1);
		const head = await store.get<{ rev: number }>('SELECT rev FROM sync_revision');
		expect(head?.rev).toBe(3 + values.length - 1);
	});

	it('sends smaller pushes when the server finds one too large (413), and loses nothing', async () => {
		const db = new YolDatabase(`real-${crypto.randomUUID()}`);
		await db.open();
		opened.push(db);
		const id = crypto.randomUUID();
		const values = await offlineEdits(db, 600);
		const { net, counts } = transport(100_000);
		await syncOnce(db, net, id);
		expect(counts.refused).toBeGreaterThan(0);
		expect(await db.outbox.count()).toBe(0);
		await expectAppliedOnce(values, id);
		expect((await storedValues(db)).filter((v) => v.syncState === 'synced').length).toBe(
			values.length
		);
	});
});

describe('a device whose pull cursor is past the server (a server restored from a backup)', () => {
	it('pulls again from the start, drops what the server no longer has, and keeps its own edits', async () => {
		const a = await device();
		await saveValue(a.db, input(10), 'ana');
		await a.sync();
		const head = (await a.db.meta.get(PULL_CURSOR_KEY))?.value as number;
		// The server went back to a backup: this device passed revisions the server never gave out
		// again, and holds a place that came after the backup.
		await a.db.meta.put({ key: PULL_CURSOR_KEY, value: head + 100 });
		const ghost = { ...SEED_LOCATIONS.find((l) => l.id === 'dist-yasamal')!, id: 'ghost-place' };
		await a.db.locations.put({ ...ghost, rev: head + 50, syncState: 'synced' } as never);
		await a.db.meta.put({ key: 'sync_marked:value:gone-value', value: 'rejected' });
		await saveValue(a.db, input(12, 'not yet sent'), 'ana');

		const summary = await a.sync();
		expect(summary).toMatchObject({ pushed: 1, rejected: 0 });
		expect(await a.db.locations.get('ghost-place')).toBeUndefined();
		expect(await a.db.meta.get('sync_marked:value:gone-value')).toBeUndefined();
		expect(await a.db.locations.count()).toBe(2);
		expect(await a.db.indicators.count()).toBe(1);
		expect(await storedValue(a.db, SAMPLE.id)).toMatchObject({
			value: 12,
			comment: 'not yet sent',
			syncState: 'synced'
		});
		// The cursor is the server's head again, so the next change made there comes through.
		expect((await a.db.meta.get(PULL_CURSOR_KEY))?.value).toBe(head + 1);
	});
});

describe('a seq the server has no answer for', () => {
	/** The server's copy of the sample value. */
	async function onServer() {
		const row = await store.get<{ data: string }>(
			`SELECT data FROM records WHERE entity = 'value' AND id = $1`,
			[SAMPLE.id]
		);
		return JSON.parse(row!.data) as IndicatorValue;
	}

	it('is kept and sent again under a new seq: the change reaches the server once', async () => {
		const a = await device();
		await saveValue(a.db, input(10), 'ana');
		await a.sync();
		// A counter the server holds above this device's (another push with this device's id, a
		// device restored from a backup): the next change's seq is one the server never received.
		await store.run('UPDATE devices SET last_seq = 1000000 WHERE device_id = $1', [a.id]);
		await saveValue(a.db, input(12, 'after the jump'), 'ana');
		expect(await a.sync()).toMatchObject({ pushed: 1, rejected: 0 });
		expect(await onServer()).toMatchObject({ value: 12, comment: 'after the jump' });
		const stored = await storedValue(a.db, SAMPLE.id);
		expect(stored).toMatchObject({ value: 12, comment: 'after the jump', syncState: 'synced' });
		expect(stored?.rejectReason).toBeUndefined();
		expect(await a.db.outbox.count()).toBe(0);
		// Applied once: one audit line per change (the first value, then this one).
		const audit = await store.all(
			`SELECT id FROM audit WHERE entity = 'value' AND entity_id = $1`,
			[SAMPLE.id]
		);
		expect(audit).toHaveLength(2);
		// The device's counter moved past the server's: the next change goes through at once.
		await saveValue(a.db, input(13, 'next'), 'ana');
		expect((await a.db.outbox.toCollection().primaryKeys())[0]).toBeGreaterThan(1000000);
		expect(await a.sync()).toMatchObject({ pushed: 1, rejected: 0 });
		expect(await onServer()).toMatchObject({ value: 13, comment: 'next' });
	});

	it("keeps the order of edits whose seqs run from below the server's counter to above it", async () => {
		const a = await device();
		await saveValue(a.db, input(10), 'ana');
		await a.sync();
		expect(await a.db.outbox.count()).toBe(0);
		// The next five edits get seqs 2 to 6; the server says it has seen up to 3 and has no
		// record of 2 and 3. Were 4 to 6 applied before 2 and 3 came again, 21 would win.
		await store.run('UPDATE devices SET last_seq = 3 WHERE device_id = $1', [a.id]);
		for (const value of [20, 21, 22, 23]) await saveValue(a.db, input(value), 'ana');
		await saveValue(a.db, input(23, 'last'), 'ana');
		const summary = await a.sync();
		expect(summary).toMatchObject({ rejected: 0, conflicts: 0 });
		expect(await onServer()).toMatchObject({ value: 23, comment: 'last' });
		expect(await storedValue(a.db, SAMPLE.id)).toMatchObject({ value: 23, syncState: 'synced' });
		expect(await a.db.outbox.count()).toBe(0);
	});
});
