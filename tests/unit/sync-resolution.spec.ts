import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
	ConflictSettledError,
	conflictsToReview,
	openConflictFor,
	resolveConflict
} from '../../src/lib/db/conflicts';
import { YolDatabase } from '../../src/lib/db/database';
import { InvalidValueError, saveValue, type ValueInput } from '../../src/lib/db/values';
import { valueId } from '../../src/lib/domain/value-id';
import { PULL_CURSOR_KEY, pullChanges, syncOnce } from '../../src/lib/sync/engine';
import { FakeSyncServer, FakeTransport } from './sync-fake-server';
import { storedValue } from '../factories/stored-values';

/** Resolving a conflict on a device: one transaction, sent once, and seen by every device. */

let server: FakeSyncServer;
const opened: YolDatabase[] = [];

/** A tablet signed in as `user` (the session the fake server stamps as the author). */
async function device(user = 'ana') {
	const db = new YolDatabase(`resolve-${crypto.randomUUID()}`);
	await db.open();
	opened.push(db);
	const id = crypto.randomUUID();
	const net = new FakeTransport(server, user);
	return { id, db, net, sync: () => syncOnce(db, net, id) };
}

const INPUT: ValueInput = {
	indicatorId: 'ind-h1',
	locationId: 'loc-az',
	period: '2026-09',
	cell: 'total',
	value: 10,
	comment: ''
};
const ID = valueId(INPUT.indicatorId, INPUT.locationId, INPUT.period, INPUT.cell);

/** A and B both hold 10, then change it to 21 (A, first) and 22 (B, set aside). */
async function clash() {
	const a = await device('ana');
	const b = await device('bob');
	await saveValue(a.db, INPUT, 'ana');
	await a.sync();
	await b.sync();
	await saveValue(a.db, { ...INPUT, value: 21 }, 'ana');
	await saveValue(b.db, { ...INPUT, value: 22 }, 'bob');
	await a.sync();
	expect(await b.sync()).toMatchObject({ conflicts: 1 });
	await a.sync();
	const [conflict] = await conflictsToReview(b.db);
	return { a, b, conflict: conflict! };
}

beforeEach(() => {
	server = new FakeSyncServer();
});

afterEach(async () => {
	for (const db of opened.splice(0)) {
		db.close();
		await YolDatabase.delete(db.name);
	}
});

describe('a conflict on the devices', () => {
	it("names each side's author as the server knows them, not as the device wrote it", async () => {
		const a = await device('ana');
		const b = await device('bob');
		await saveValue(a.db, INPUT, 'ana');
		await a.sync();
		await b.sync();
		// An old tablet writes the username, another a made-up author: the sessions decide.
		await saveValue(a.db, { ...INPUT, value: 21 }, 'ana.username');
		await saveValue(b.db, { ...INPUT, value: 22 }, 'someone-else');
		await a.sync();
		await b.sync();
		expect(server.conflictRecord('c1')).toMatchObject({
			yours: { value: 22, by: 'bob' },
			theirs: { value: 21, by: 'ana' }
		});
	});

	it('reaches both authors with both versions, and marks the cell on each', async () => {
		const { a, b, conflict } = await clash();
		expect(conflict).toMatchObject({
			entityId: ID,
			fields: ['value'],
			yours: { value: 22, by: 'bob', deviceId: b.id },
			theirs: { value: 21, by: 'ana', deviceId: a.id },
			resolvedAt: null
		});
		for (const d of [a, b]) {
			expect(await openConflictFor(d.db, ID)).toMatchObject({ id: conflict.id });
			expect(await storedValue(d.db, ID)).toMatchObject({ value: 21, syncState: 'conflict' });
		}
	});
});

describe('resolveConflict', () => {
	it('writes the value, its outbox entry, its history line and the choice in one transaction', async () => {
		const { b, conflict } = await clash();
		const historyBefore = await b.db.history.count();
		await resolveConflict(b.db, conflict.id, 'other', 25, 'bob');

		expect(await storedValue(b.db, ID)).toMatchObject({ value: 25, syncState: 'local' });
		const outbox = await b.db.outbox.toArray();
		expect(outbox).toHaveLength(1);
		expect(outbox[0]).toMatchObject({
			entityId: ID,
			op: 'put',
			changed: ['value'],
			baseRev: server.live('value').get(ID)!.rev,
			resolves: { conflictId: conflict.id, choice: 'other' }
		});
		expect(await b.db.history.count()).toBe(historyBefore + 1);
		expect(await b.db.conflicts.get(conflict.id)).toMatchObject({
			resolvedAt: null,
			pending: { choice: 'other', value: 25, by: 'bob' }
		});
		// Chosen: it leaves "to review" at once, offline too.
		expect(await conflictsToReview(b.db)).toHaveLength(0);
	});

	it('writes nothing when the other value breaks the rules, nor for a settled conflict', async () => {
		const { b, conflict } = await clash();
		const before = {
			value: await storedValue(b.db, ID),
			history: await b.db.history.count(),
			conflict: await b.db.conflicts.get(conflict.id)
		};
		await expect(resolveConflict(b.db, conflict.id, 'other', Number.NaN, 'bob')).rejects.toThrow(
			InvalidValueError
		);
		expect(await storedValue(b.db, ID)).toEqual(before.value);
		expect(await b.db.outbox.count()).toBe(0);
		expect(await b.db.history.count()).toBe(before.history);
		expect(await b.db.conflicts.get(conflict.id)).toEqual(before.conflict);

		await resolveConflict(b.db, conflict.id, 'theirs', null, 'bob');
		await expect(resolveConflict(b.db, conflict.id, 'yours', null, 'bob')).rejects.toThrow(
			ConflictSettledError
		);
		expect(await b.db.outbox.count()).toBe(1);
	});

	it('is pushed once even when the answer is lost, and the other device takes it', async () => {
		const { a, b, conflict } = await clash();
		await resolveConflict(b.db, conflict.id, 'yours', null, 'bob');
		b.net.loseNextPushAnswer = true;
		await expect(b.sync()).rejects.toThrow();
		expect(await b.sync()).toMatchObject({ pushed: 1, conflicts: 0, rejected: 0 });

		const applied = server.log.filter((l) => l.deviceId === b.id && l.outcome !== 'duplicate');
		// B's set-aside edit, then its resolution: applied once; the retry was a duplicate.
		expect(applied.map((l) => l.outcome)).toEqual(['conflict', 'applied']);
		expect(server.log.filter((l) => l.deviceId === b.id && l.outcome === 'duplicate')).toHaveLength(
			1
		);
		expect(server.live('value').get(ID)?.data.value).toBe(22);
		expect(server.conflictRecord(conflict.id)).toMatchObject({
			resolution: 'yours',
			resolvedBy: 'bob',
			resolvedValue: 22
		});

		await a.sync();
		for (const d of [a, b]) {
			expect(await storedValue(d.db, ID)).toMatchObject({ value: 22, syncState: 'synced' });
			expect(await conflictsToReview(d.db)).toHaveLength(0);
			expect(await d.db.conflicts.get(conflict.id)).toMatchObject({ resolution: 'yours' });
			expect(await d.db.outbox.count()).toBe(0);
		}
	});

	it('keeps a choice made offline through a pull of the still-open conflict', async () => {
		const { a, conflict } = await clash();
		await resolveConflict(a.db, conflict.id, 'theirs', null, 'ana');
		// The open conflict arrives again (here: a pull from the start, as after a lost cursor).
		await a.db.meta.put({ key: PULL_CURSOR_KEY, value: 0 });
		await pullChanges(a.db, a.net);
		expect(await a.db.conflicts.get(conflict.id)).toMatchObject({ pending: { choice: 'theirs' } });
		expect(await storedValue(a.db, ID)).toMatchObject({ syncState: 'local' });
	});

	it('answers a second resolution of one conflict clearly, without a new conflict', async () => {
		const { a, b, conflict } = await clash();
		// Both tablets settle it offline, differently; B reaches the server first.
		await resolveConflict(b.db, conflict.id, 'yours', null, 'bob');
		await resolveConflict(a.db, conflict.id, 'other', 30, 'ana');
		await b.sync();
		const summary = await a.sync();
		expect(summary).toMatchObject({ rejected: 1, conflicts: 0 });
		expect(server.conflicts).toHaveLength(1);
		const onA = await storedValue(a.db, ID);
		// A's choice is not silently gone: the cell says it was refused, and why.
		expect(onA).toMatchObject({ value: 22, syncState: 'rejected' });
		expect(onA?.rejectReason).toMatch(/already resolved \(yours\) by bob/);
		expect(await a.db.conflicts.get(conflict.id)).toMatchObject({
			resolution: 'yours',
			resolvedBy: 'bob'
		});
		expect(await conflictsToReview(a.db)).toHaveLength(0);
		expect((await a.db.history.toArray()).some((h) => h.to === 30)).toBe(true);
	});
});
