import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { YolDatabase } from '../../src/lib/db/database';
import { saveValue, type ValueInput } from '../../src/lib/db/values';
import { valueId } from '../../src/lib/domain/value-id';
import {
	CLIENT_SCHEMA_VERSION,
	PushRequestSchema,
	type PushRequest
} from '../../src/lib/domain/sync/protocol';
import { setDeviceName } from '../../src/lib/db/device-name';
import * as v from 'valibot';
import { PULL_CURSOR_KEY, pullChanges, syncOnce } from '../../src/lib/sync/engine';
import { OfflineError, SyncHttpError } from '../../src/lib/sync/transport';
import { FakeSyncServer, FakeTransport } from './sync-fake-server';
import { countStoredValues, storedValue, storedValues } from '../factories/stored-values';

interface Device {
	id: string;
	db: YolDatabase;
	net: FakeTransport;
	sync: (pageSize?: number) => ReturnType<typeof syncOnce>;
}

let server: FakeSyncServer;
const opened: YolDatabase[] = [];

async function device(): Promise<Device> {
	const db = new YolDatabase(`sync-${crypto.randomUUID()}`);
	await db.open();
	opened.push(db);
	const id = crypto.randomUUID();
	const net = new FakeTransport(server);
	return { id, db, net, sync: (pageSize) => syncOnce(db, net, id, { pageSize }) };
}

const CELLS = [
	'total',
	'sex=female',
	'sex=male',
	'age=0-17',
	'age=18-34',
	'sex=female;age=18-34'
] as const;

function cell(n: number, value: number | null, comment = ''): ValueInput {
	return {
		indicatorId: 'ind-h1',
		locationId: 'loc-az',
		period: '2026-09',
		cell: CELLS[n]!,
		value,
		comment
	};
}

const idOf = (input: ValueInput) =>
	valueId(input.indicatorId, input.locationId, input.period, input.cell);

beforeEach(() => {
	server = new FakeSyncServer();
});

afterEach(async () => {
	for (const db of opened.splice(0)) {
		db.close();
		await YolDatabase.delete(db.name);
	}
});

describe('the device database', () => {
	it('is at the schema version the protocol declares', async () => {
		const { db } = await device();
		expect(db.verno).toBe(CLIENT_SCHEMA_VERSION);
	});
});

describe('syncOnce', () => {
	it('pushes a saved value once and marks it synced with the server revision', async () => {
		const a = await device();
		const saved = await saveValue(a.db, cell(0, 12, 'first count'), 'ana');
		const summary = await a.sync();

		expect(summary).toMatchObject({ pushed: 1, conflicts: 0, rejected: 0 });
		expect(server.log).toHaveLength(1);
		expect(server.log[0]).toMatchObject({ deviceId: a.id, outcome: 'applied' });
		const record = await storedValue(a.db, saved.id);
		expect(record).toMatchObject({ value: 12, syncState: 'synced', rev: server.rev });
		expect(await a.db.outbox.count()).toBe(0);

		await a.sync();
		expect(server.log).toHaveLength(1);
	});

	it('retries a push whose answer was lost, and the server applies it once', async () => {
		const a = await device();
		const saved = await saveValue(a.db, cell(0, 7), 'ana');
		a.net.loseNextPushAnswer = true;
		await expect(a.sync()).rejects.toBeInstanceOf(OfflineError);
		expect(await a.db.outbox.count()).toBe(1);
		expect((await storedValue(a.db, saved.id))?.syncState).toBe('local');

		await a.sync();
		expect(server.log.map((l) => l.outcome)).toEqual(['applied', 'duplicate']);
		expect(server.rev).toBe(1);
		expect(await a.db.outbox.count()).toBe(0);
		expect(await storedValue(a.db, saved.id)).toMatchObject({ syncState: 'synced', rev: 1 });
	});

	it('keeps a later local edit local while the earlier one is confirmed', async () => {
		const a = await device();
		await saveValue(a.db, cell(0, 1), 'ana');
		let between: unknown;
		a.net.duringRequest = async () => {
			// The user saves again while the first push is on its way.
			await saveValue(a.db, cell(0, 2), 'ana');
			// Seen during the next push, after the first answer was settled.
			a.net.duringRequest = async () => {
				between = await storedValue(a.db, idOf(cell(0, 0)));
			};
		};
		await a.sync();
		expect(between).toMatchObject({ value: 2, syncState: 'local', rev: 0 });
		expect(server.log.map((l) => l.outcome)).toEqual(['applied', 'merged']);
		expect(await a.db.outbox.count()).toBe(0);
		expect(await storedValue(a.db, idOf(cell(0, 0)))).toMatchObject({
			value: 2,
			syncState: 'synced',
			rev: server.rev
		});
	});

	it('never lets a pulled record overwrite a pending local edit', async () => {
		const a = await device();
		const b = await device();
		await saveValue(b.db, cell(0, 10, 'from b'), 'bob');
		await b.sync();
		await a.sync();
		const base = (await storedValue(a.db, idOf(cell(0, 0))))!;
		expect(base).toMatchObject({ value: 10, syncState: 'synced' });

		// B changes the value; A, not yet synced, changes the comment.
		await saveValue(b.db, cell(0, 11, 'from b'), 'bob');
		await b.sync();
		await saveValue(a.db, cell(0, 10, 'checked by a'), 'ana');
		const summary = await pullChanges(a.db, a.net);
		expect(summary.pulled).toBe(0);
		expect(await storedValue(a.db, idOf(cell(0, 0)))).toMatchObject({
			value: 10,
			comment: 'checked by a',
			syncState: 'local',
			rev: base.rev
		});
		expect(await a.db.outbox.count()).toBe(1);

		// A's push merges with B's value; the pull that follows shows both.
		await a.sync();
		expect(server.log.at(-1)?.outcome).toBe('merged');
		expect(await storedValue(a.db, idOf(cell(0, 0)))).toMatchObject({
			value: 11,
			comment: 'checked by a',
			syncState: 'synced',
			rev: server.rev
		});
	});

	it('keeps an edit made while the pull is in flight', async () => {
		const a = await device();
		const b = await device();
		await saveValue(b.db, cell(0, 10), 'bob');
		await b.sync();
		a.net.duringRequest = async () => {
			await saveValue(a.db, cell(0, 99, 'typed during sync'), 'ana');
		};
		await a.sync();
		expect(await storedValue(a.db, idOf(cell(0, 0)))).toMatchObject({
			value: 99,
			syncState: 'local'
		});
		expect(await a.db.outbox.count()).toBe(1);
	});

	it('after a merge, keeps the old base until the pull brings the merged copy', async () => {
		const a = await device();
		const b = await device();
		await saveValue(a.db, cell(0, 1), 'ana');
		await a.sync();
		await b.sync();
		await saveValue(b.db, cell(0, 1, 'note from b'), 'bob');
		await b.sync();
		// A changes the value: the server merges it with B's comment, which A has not seen yet.
		await saveValue(a.db, cell(0, 2), 'ana');
		a.net.hookOn = 'pull';
		a.net.duringRequest = async () => {
			// Before the merged copy arrives, A edits the value once more.
			await saveValue(a.db, cell(0, 3), 'ana');
		};
		await a.sync();
		expect(server.log.at(-1)?.outcome).toBe('merged');
		await a.sync();
		const onServer = server.live('value').get(idOf(cell(0, 0)))!.data;
		expect(onServer).toMatchObject({ value: 3, comment: 'note from b' });
		expect(await storedValue(a.db, idOf(cell(0, 0)))).toMatchObject({
			value: 3,
			comment: 'note from b',
			syncState: 'synced'
		});
	});

	it('resumes an interrupted pull from its cursor', async () => {
		for (let n = 0; n < 5; n += 1) {
			const input = cell(n, n);
			server.put('value', idOf(input), {
				...input,
				id: idOf(input),
				updatedAt: '2026-11-01T10:00:00.000Z',
				updatedBy: 'server',
				rev: 0,
				deleted: false
			});
		}
		const a = await device();
		a.net.failPullCalls.add(2);
		await expect(a.sync(2)).rejects.toBeInstanceOf(OfflineError);
		expect(await countStoredValues(a.db)).toBe(2);
		expect((await a.db.meta.get(PULL_CURSOR_KEY))?.value).toBe(2);

		const summary = await a.sync(2);
		expect(a.net.pullCalls).toEqual([0, 2, 2, 4]);
		expect(summary.pulled).toBe(3);
		expect(await countStoredValues(a.db)).toBe(5);
		expect((await a.db.meta.get(PULL_CURSOR_KEY))?.value).toBe(5);
	});

	it('removes a synced record on a tombstone, but not one with a pending edit', async () => {
		const a = await device();
		await saveValue(a.db, cell(0, 1), 'ana');
		await saveValue(a.db, cell(1, 1), 'ana');
		await a.sync();
		server.remove('value', idOf(cell(0, 1)));
		server.remove('value', idOf(cell(1, 1)));
		await saveValue(a.db, cell(1, 2), 'ana');

		await pullChanges(a.db, a.net);
		expect(await storedValue(a.db, idOf(cell(0, 1)))).toBeUndefined();
		expect(await storedValue(a.db, idOf(cell(1, 1)))).toMatchObject({
			value: 2,
			syncState: 'local'
		});
	});

	it('marks a rejected change with the reason and goes on with the next', async () => {
		const a = await device();
		const bad = await saveValue(a.db, cell(0, 5), 'ana');
		const good = await saveValue(a.db, cell(1, 6), 'ana');
		server.reject = (m) => (m.entityId === bad.id ? 'the indicator was retired' : undefined);
		const summary = await a.sync();
		expect(summary).toMatchObject({ pushed: 1, rejected: 1 });
		expect(await storedValue(a.db, bad.id)).toMatchObject({
			syncState: 'rejected',
			rejectReason: 'the indicator was retired'
		});
		expect(await storedValue(a.db, good.id)).toMatchObject({ syncState: 'synced' });
		expect(await a.db.outbox.count()).toBe(0);
	});

	it('keeps a change the server has no record of under its seq, even when refused again', async () => {
		const a = await device();
		const saved = await saveValue(a.db, cell(0, 5), 'ana');
		// Something else moves this device's counter on the server before every push, so the
		// change is refused under its seq and again under the new one: it stays queued, 'local'.
		let jump = 1000;
		const push = a.net.push.bind(a.net);
		a.net.push = (request) => {
			server.moveLastSeq(a.id, (jump *= 10));
			return push(request);
		};
		await expect(a.sync()).rejects.toThrow(/sent again under new seqs: they stay queued/);
		expect(await a.db.outbox.count()).toBe(1);
		expect(await storedValue(a.db, saved.id)).toMatchObject({ value: 5, syncState: 'local' });
		expect(server.records.get(`value:${saved.id}`)).toBeUndefined();
		// Once nothing moves the counter, the next round brings the change to the server.
		a.net.push = push;
		expect(await a.sync()).toMatchObject({ pushed: 1, rejected: 0 });
		expect(await storedValue(a.db, saved.id)).toMatchObject({ value: 5, syncState: 'synced' });
		expect(await a.db.outbox.count()).toBe(0);
	});

	it('marks a conflicting change and then shows the server copy', async () => {
		const a = await device();
		const b = await device();
		await saveValue(a.db, cell(0, 1), 'ana');
		await a.sync();
		await b.sync();
		await saveValue(a.db, cell(0, 2), 'ana');
		await saveValue(b.db, cell(0, 3), 'bob');
		await b.sync();
		const summary = await a.sync();
		expect(summary.conflicts).toBe(1);
		expect(server.conflicts).toHaveLength(1);
		expect(server.conflicts[0]).toMatchObject({ deviceId: a.id, fields: ['value'] });
		expect(await storedValue(a.db, idOf(cell(0, 0)))).toMatchObject({
			value: 3,
			syncState: 'conflict',
			rev: server.live('value').get(idOf(cell(0, 0)))!.rev
		});
		expect(await a.db.outbox.count()).toBe(0);
	});

	it('ends a conflict mark when the server sends no conflict for it to this user', async () => {
		// A user the server does not show the conflict to (not its author, not a coordinator).
		server.visible = (record) => record.entity !== 'conflict';
		const a = await device();
		const b = await device();
		await saveValue(a.db, cell(0, 1), 'ana');
		await a.sync();
		await b.sync();
		await saveValue(a.db, cell(0, 2), 'ana');
		await saveValue(b.db, cell(0, 3), 'bob');
		await b.sync();
		const summary = await a.sync();
		expect(summary.conflicts).toBe(1);
		// Nothing to review on this tablet, so the cell must not stay "In conflict".
		expect(await a.db.conflicts.count()).toBe(0);
		expect(await storedValue(a.db, idOf(cell(0, 0)))).toMatchObject({
			value: 3,
			syncState: 'synced'
		});
		await a.sync();
		expect(await storedValue(a.db, idOf(cell(0, 0)))).toMatchObject({ syncState: 'synced' });
	});

	it('takes the server copy pulled meanwhile when its pending edit conflicts', async () => {
		const a = await device();
		const b = await device();
		await saveValue(b.db, cell(0, 1), 'bob');
		await b.sync();
		// A enters the same cell without having pulled it: a conflict with B's record.
		await saveValue(a.db, cell(0, 2), 'ana');
		await pullChanges(a.db, a.net);
		expect(await storedValue(a.db, idOf(cell(0, 0)))).toMatchObject({ value: 2 });
		await a.sync();
		expect(await storedValue(a.db, idOf(cell(0, 0)))).toMatchObject({
			value: 1,
			syncState: 'conflict',
			rev: server.live('value').get(idOf(cell(0, 0)))!.rev
		});
	});

	it('sends fewer changes per push to a server that takes fewer (400 on mutations)', async () => {
		const a = await device();
		for (let n = 0; n < CELLS.length; n += 1) await saveValue(a.db, cell(n, n), 'ana');
		const sizes: number[] = [];
		const push = a.net.push.bind(a.net);
		a.net.push = async (request: PushRequest) => {
			sizes.push(request.mutations.length);
			if (request.mutations.length > 2) {
				throw new SyncHttpError(400, 'mutations: at most 2 mutations per push', 'mutations');
			}
			return push(request);
		};
		const summary = await a.sync();
		expect(summary).toMatchObject({ pushed: CELLS.length, rejected: 0 });
		expect(sizes).toEqual([6, 3, 1, 1, 1, 1, 1, 1]);
		expect(server.log.map((l) => l.outcome)).toEqual(CELLS.map(() => 'applied'));
		expect(await a.db.outbox.count()).toBe(0);
		for (let n = 0; n < CELLS.length; n += 1) {
			expect(await storedValue(a.db, idOf(cell(n, n)))).toMatchObject({ syncState: 'synced' });
		}
	});

	it('settles the values a push confirmed even when the pull after it fails', async () => {
		const a = await device();
		await saveValue(a.db, cell(0, 5), 'ana');
		await saveValue(a.db, cell(1, 6), 'ana');
		a.net.failPullCalls.add(1);
		await expect(a.sync()).rejects.toBeInstanceOf(OfflineError);
		expect(await a.db.outbox.count()).toBe(0);
		for (const n of [0, 1]) {
			expect(await storedValue(a.db, idOf(cell(n, n + 5)))).toMatchObject({
				syncState: 'synced',
				rev: server.live('value').get(idOf(cell(n, n + 5)))!.rev
			});
		}
		expect(await a.db.meta.where('key').startsWith('sync_acked:').count()).toBe(0);
	});

	it('settles a later edit of a value set aside while it waited, though no conflict was pulled', async () => {
		const a = await device();
		const b = await device();
		await saveValue(a.db, cell(0, 1), 'ana');
		await a.sync();
		await b.sync();
		await saveValue(b.db, cell(0, 3), 'bob');
		await b.sync();
		// A changes the value (a conflict with B's) and, while that push is out, the comment.
		await saveValue(a.db, cell(0, 2), 'ana');
		a.net.hookOn = 'push';
		a.net.duringRequest = async () => {
			await saveValue(a.db, cell(0, 2, 'checked'), 'ana');
		};
		a.net.failPullCalls.add(a.net.pullCalls.length + 1);
		await expect(a.sync()).rejects.toBeInstanceOf(OfflineError);
		expect(server.log.slice(-2).map((l) => l.outcome)).toEqual(['conflict', 'merged']);
		// The first answer marked the value while the comment waited; the second settles it one by
		// one (as every marked value), not as a plain acknowledged edit that would keep the marker.
		expect(await storedValue(a.db, idOf(cell(0, 0)))).toMatchObject({ syncState: 'synced' });
		expect(await a.db.outbox.count()).toBe(0);
		expect(await a.db.meta.where('key').startsWith('sync_marked:').count()).toBe(0);
	});
});

describe('a first sync', () => {
	function serverValue(n: number) {
		const input = { ...cell(0, n % 97), locationId: `loc-${n}` };
		const id = idOf(input);
		server.put('value', id, {
			...input,
			id,
			updatedAt: '2026-11-01T10:00:00.000Z',
			updatedBy: 'server',
			rev: 0,
			deleted: false
		});
		return id;
	}

	it('asks for pages doubling from 1,000, stores every record, and resumes from its cursor', async () => {
		for (let n = 0; n < 3_500; n += 1) serverValue(n);
		const a = await device();
		const limits: number[] = [];
		const pull = a.net.pull.bind(a.net);
		a.net.pull = (after, limit) => {
			limits.push(limit);
			return pull(after, limit);
		};
		a.net.failPullCalls.add(3);
		await expect(pullChanges(a.db, a.net, 20_000, undefined, undefined, true)).rejects.toThrow(
			OfflineError
		);
		// The first two pages landed with their cursor; the third failed.
		expect(await countStoredValues(a.db)).toBe(3_000);
		expect((await a.db.meta.get(PULL_CURSOR_KEY))?.value).toBe(3_000);
		expect(limits).toEqual([1_000, 2_000, 4_000]);

		const summary = await pullChanges(a.db, a.net, 20_000, undefined, undefined, true);
		expect(summary.pulled).toBe(500);
		expect(await countStoredValues(a.db)).toBe(3_500);
		expect(await a.db.values.where('rejectReason').aboveOrEqual('').count()).toBe(0);
		expect((await storedValues(a.db)).every((v) => v.syncState === 'synced')).toBe(true);
	});

	it('still keeps an edit waiting in the outbox (the check is only skipped when it is empty)', async () => {
		const id = serverValue(1);
		const a = await device();
		await saveValue(a.db, { ...cell(0, 55, 'typed here'), locationId: 'loc-1' }, 'ana');
		await pullChanges(a.db, a.net, 20_000, undefined, undefined, true);
		expect(await storedValue(a.db, id)).toMatchObject({
			value: 55,
			comment: 'typed here',
			syncState: 'local'
		});
		expect(await a.db.outbox.count()).toBe(1);
	});
});

describe('a change of scope', () => {
	const at = (locationId: string, value: number): ValueInput => ({ ...cell(0, value), locationId });

	it('drops what the new scope does not let through, keeps what is unsynced, and pulls again from the start', async () => {
		const writer = await device();
		await saveValue(writer.db, at('loc-ganja', 1), 'ana');
		await saveValue(writer.db, at('loc-yasamal', 2), 'ana');
		await writer.sync();

		const tablet = await device();
		await tablet.sync();
		expect(await countStoredValues(tablet.db)).toBe(2);
		// Typed on the tablet and not sent yet, in a place about to leave its scope.
		await saveValue(tablet.db, { ...at('loc-yasamal', 7), cell: 'sex=female' }, 'cw');

		// Marks a push left (a value refused while later edits of it waited): one of a value
		// about to be dropped, one of the value still waiting to go.
		const stored = await storedValues(tablet.db);
		const droppedId = stored.find((v) => v.locationId === 'loc-yasamal' && v.value === 2)!.id;
		const waitingId = stored.find((v) => v.value === 7)!.id;
		for (const id of [droppedId, waitingId]) {
			await tablet.db.meta.put({ key: `sync_marked:value:${id}`, value: 'rejected' });
		}

		// An administrator gives the tablet's user Ganja only.
		server.scope = 'ganja-only';
		server.visible = (r) => r.entity !== 'value' || r.data.locationId === 'loc-ganja';
		const pulls: number[] = [];
		const pull = tablet.net.pull.bind(tablet.net);
		tablet.net.pull = (after, limit) => {
			pulls.push(after);
			return pull(after, limit);
		};
		await pullChanges(tablet.db, tablet.net);

		const left = await storedValues(tablet.db);
		expect(left.map((v) => [v.locationId, v.value, v.syncState]).sort()).toEqual([
			['loc-ganja', 1, 'synced'],
			['loc-yasamal', 7, 'local']
		]);
		expect(await tablet.db.outbox.count()).toBe(1);
		// A push's mark of a value that went is gone with it; the waiting value's mark stays.
		expect(await tablet.db.meta.get(`sync_marked:value:${droppedId}`)).toBeUndefined();
		expect(await tablet.db.meta.get(`sync_marked:value:${waitingId}`)).toMatchObject({
			value: 'rejected'
		});
		expect(pulls[0]).toBeGreaterThan(0);
		expect(pulls[1]).toBe(0);
		expect((await tablet.db.meta.get(PULL_CURSOR_KEY))?.value).toBe(server.rev - 1);

		// The same scope next time: nothing dropped, nothing pulled again.
		pulls.length = 0;
		await pullChanges(tablet.db, tablet.net);
		expect(pulls).toHaveLength(1);
		expect(await countStoredValues(tablet.db)).toBe(2);
	});
});

describe("the tablet's name", () => {
	it('goes with every push once its user gave one, and is left out before', async () => {
		const a = await device();
		await saveValue(a.db, cell(0, 10), 'ana');
		await a.sync();
		expect(JSON.parse(a.net.bodies.at(-1)!)).not.toHaveProperty('deviceName');

		expect(await setDeviceName(a.db, '  Ganja office tablet 2  ')).toBe('Ganja office tablet 2');
		await saveValue(a.db, cell(0, 11), 'ana');
		await a.sync();
		// The body the server parses, with the same schema.
		const body = v.parse(PushRequestSchema, JSON.parse(a.net.bodies.at(-1)!));
		expect(body.deviceName).toBe('Ganja office tablet 2');
		expect(body.mutations).toHaveLength(1);
	});

	it('is refused on the device past the bound the server keeps, and the old name stays', async () => {
		const a = await device();
		await setDeviceName(a.db, 'Ganja office tablet 2');
		await expect(setDeviceName(a.db, 'x'.repeat(61))).rejects.toThrow(/at most 60 characters/);
		await saveValue(a.db, cell(0, 12), 'ana');
		await a.sync();
		expect(JSON.parse(a.net.bodies.at(-1)!).deviceName).toBe('Ganja office tablet 2');
	});
});
