import { catalogueServer } from '../../../tests/factories/pull-server';
import { openOldDevice, useFreshDb } from '../../../tests/factories/local-db';
import { describe, expect, it, vi } from 'vitest';
import { valueId } from '$lib/domain/value-id';
import { CLIENT_SCHEMA_VERSION } from '$lib/domain/sync/protocol';
import { YolDatabase } from './database';
import { StorageFullError } from './errors';
import { OfflineError, SessionEndedError } from '$lib/sync/transport';
import { SEED_INDICATORS } from '$lib/domain/seed/catalogue';
import { FirstStart } from './first-start.svelte';
import {
	InvalidValueError,
	saveValue,
	valueHistory,
	valuesForCell,
	valuesForPeriods
} from './values';
import { valuesAtPlace } from './slices';

let db: YolDatabase;
let name: string;

useFreshDb((fresh, freshName) => {
	db = fresh;
	name = freshName;
});

const input = {
	indicatorId: 'ind-h1',
	locationId: 'dist-yevlakh',
	period: '2026Q3',
	cell: 'total',
	value: 12,
	comment: ''
};

describe('saving a value on the device', () => {
	it('keeps the value, its outbox entry and its history line together', async () => {
		const saved = await saveValue(db, input, 'caseworker-1');
		expect(saved.syncState).toBe('local');
		expect(saved.id).toBe(valueId('ind-h1', 'dist-yevlakh', '2026Q3', 'total'));
		const outbox = await db.outbox.toArray();
		expect(outbox).toHaveLength(1);
		expect(outbox[0]).toMatchObject({ entity: 'value', entityId: saved.id, op: 'put', baseRev: 0 });
		const history = await valueHistory(db, saved.id);
		expect(history).toMatchObject([{ from: null, to: 12, by: 'caseworker-1' }]);
	});

	it('survives closing and reopening the database (a reload, offline)', async () => {
		await saveValue(db, input, 'caseworker-1');
		db.close();
		const again = new YolDatabase(name);
		await again.open();
		const [value] = await valuesForPeriods(again, 'ind-h1', ['2026Q3']);
		expect(value).toMatchObject({ value: 12, syncState: 'local' });
		again.close();
	});

	it('records each change in the history, newest first, and skips saves that change nothing', async () => {
		await saveValue(db, input, 'a', new Date('2026-11-01T10:00:00Z'));
		await saveValue(db, { ...input, value: 15 }, 'b', new Date('2026-11-02T10:00:00Z'));
		await saveValue(db, { ...input, value: 15 }, 'b', new Date('2026-11-03T10:00:00Z'));
		const history = await valueHistory(db, valueId('ind-h1', 'dist-yevlakh', '2026Q3', 'total'));
		expect(history.map((h) => [h.by, h.from, h.to])).toEqual([
			['b', 12, 15],
			['a', null, 12]
		]);
		expect(await db.outbox.count()).toBe(2);
	});

	it('keeps the language a comment was typed in, through later edits of the number alone', async () => {
		const id = valueId('ind-h1', 'dist-yevlakh', '2026Q3', 'total');
		await saveValue(db, { ...input, comment: 'Ailə köçüb', commentLang: 'az' }, 'a');
		expect((await db.values.get(id))?.commentLang).toBe('az');
		// A Russian reader changes the number: the comment is still the Azerbaijani one.
		await saveValue(db, { ...input, value: 13, comment: 'Ailə köçüb', commentLang: 'ru' }, 'b');
		expect((await db.values.get(id))?.commentLang).toBe('az');
		await saveValue(
			db,
			{ ...input, value: 13, comment: 'Семья переехала', commentLang: 'ru' },
			'b'
		);
		expect((await db.values.get(id))?.commentLang).toBe('ru');
		const outbox = await db.outbox.toArray();
		expect((outbox.at(-1)?.data as { commentLang?: string }).commentLang).toBe('ru');
		// An empty comment is in no language.
		await saveValue(db, { ...input, value: 13, comment: '', commentLang: 'ru' }, 'b');
		expect((await db.values.get(id))?.commentLang).toBeUndefined();
	});

	it('refuses an invalid record and writes nothing', async () => {
		await expect(saveValue(db, { ...input, period: '2026-13' }, 'a')).rejects.toBeInstanceOf(
			InvalidValueError
		);
		expect(await db.values.count()).toBe(0);
		expect(await db.outbox.count()).toBe(0);
		expect(await db.history.count()).toBe(0);
	});

	it('turns a full disk into a clear error and leaves nothing half-written', async () => {
		const quota = Object.assign(new Error('quota'), { name: 'QuotaExceededError' });
		const spy = vi.spyOn(db.history, 'add').mockRejectedValue(quota);
		await expect(saveValue(db, input, 'a')).rejects.toBeInstanceOf(StorageFullError);
		spy.mockRestore();
		expect(await db.values.count()).toBe(0);
		expect(await db.outbox.count()).toBe(0);
	});
});

describe('first start', () => {
	it('downloads what the server holds, with progress, once', async () => {
		const server = catalogueServer(10);
		const start = new FirstStart();
		const seen: number[] = [];
		await start.run(db, {
			push: server.push,
			pull: async (after, limit) => {
				const page = await server.pull(after, limit);
				seen.push(page.remaining ?? 0);
				return page;
			}
		});
		expect(start.status).toBe('ready');
		expect(await db.indicators.count()).toBe(SEED_INDICATORS.length);
		expect(seen.at(-1)).toBe(0);
		expect(start.percent).toBe(100);
		const pullsBefore = server.pulls;
		const again = new FirstStart();
		await again.run(db, server);
		expect(server.pulls).toBe(pullsBefore);
		expect(again.status).toBe('ready');
	});

	it('says so when a new device is offline, and keeps nothing half-done', async () => {
		const start = new FirstStart();
		await start.run(db, {
			push: async () => {
				throw new OfflineError();
			},
			pull: async () => {
				throw new OfflineError();
			}
		});
		expect(start.status).toBe('error');
		expect(start.error?.offline).toBe(true);
		expect(await db.indicators.count()).toBe(0);
	});

	it('says the session ended (not a generic failure) when the server refuses it, and tries again', async () => {
		const start = new FirstStart();
		const ended = {
			push: async () => {
				throw new SessionEndedError();
			},
			pull: async () => {
				throw new SessionEndedError();
			}
		};
		await start.run(db, ended);
		expect(start.status).toBe('error');
		expect(start.error).toMatchObject({ sessionEnded: true, offline: false });
		expect(await db.indicators.count()).toBe(0);
		// Signed in again: the download runs once more and the error goes.
		await start.run(db, catalogueServer(10));
		expect(start.status).toBe('ready');
		expect(start.error).toBeNull();
	});
});

describe('database version 5', () => {
	it('opens a version 3 database with its values, found by indicator and period, by place, and the rejected ones by their reason', async () => {
		const old = `v3-${crypto.randomUUID()}`;
		const v3 = await openOldDevice(old, 3);
		const value = (locationId: string, period: string, syncState: string, reason?: string) => ({
			...input,
			id: valueId('ind-h1', locationId, period, 'total'),
			locationId,
			period,
			rev: 3,
			updatedAt: '2026-11-01T10:00:00.000Z',
			updatedBy: 'a',
			deleted: false,
			syncState,
			...(reason === undefined ? {} : { rejectReason: reason })
		});
		await v3
			.table('values')
			.bulkPut([
				value('dist-yevlakh', '2026Q3', 'synced'),
				value('dist-goranboy', '2026Q3', 'rejected', 'value: too large'),
				value('dist-yevlakh', '2026Q2', 'local'),
				value('dist-goranboy', '2026Q2', 'rejected', '')
			]);
		v3.close();

		const upgraded = new YolDatabase(old);
		await upgraded.open();
		expect(upgraded.verno).toBe(CLIENT_SCHEMA_VERSION);
		const q3 = await valuesForPeriods(upgraded, 'ind-h1', ['2026Q3']);
		expect(q3.map((v) => v.locationId).sort()).toEqual(['dist-goranboy', 'dist-yevlakh']);
		const both = await valuesForPeriods(upgraded, 'ind-h1', ['2026Q2', '2026Q3']);
		expect(both).toHaveLength(4);
		const cell = await valuesForCell(upgraded, 'ind-h1', 'dist-yevlakh', '2026Q2');
		expect(cell.map((v) => [v.period, v.syncState])).toEqual([['2026Q2', 'local']]);
		const atPlace = await valuesAtPlace(upgraded, ['ind-h1'], 'dist-goranboy', [
			'2026Q2',
			'2026Q3'
		]);
		expect(atPlace.map((v) => v.rejectReason).sort()).toEqual(['', 'value: too large']);
		// What the sync status counts (scheduler.svelte.ts): rejected values, via their reason.
		const rejected = await upgraded.values
			.where('rejectReason')
			.aboveOrEqual('')
			.filter((v) => v.syncState === 'rejected')
			.count();
		expect(rejected).toBe(2);
		upgraded.close();
		await YolDatabase.delete(old);
	});
});

describe('database version 6', () => {
	it("opens a version 5 database with its data and outbox, adds the working group's settings and drops the device's own threshold", async () => {
		const old = `v5-${crypto.randomUUID()}`;
		const v5 = await openOldDevice(old, 5);
		await v5.table('meta').bulkPut([
			{ key: 'pull_cursor', value: 42 },
			{ key: 'dashboard.suppression_threshold', value: 2 }
		]);
		await v5.table('outbox').add({ mutationId: 'm-1', entity: 'value', entityId: 'v-1' });
		v5.close();

		const upgraded = new YolDatabase(old);
		await upgraded.open();
		expect(upgraded.verno).toBe(CLIENT_SCHEMA_VERSION);
		expect((await upgraded.meta.get('pull_cursor'))?.value).toBe(42);
		expect(await upgraded.outbox.count()).toBe(1);
		// A threshold one tablet chose no longer applies: the working group's (5 until set) does.
		expect(await upgraded.meta.get('dashboard.suppression_threshold')).toBeUndefined();
		expect(await upgraded.settings.count()).toBe(0);
		upgraded.close();
		await YolDatabase.delete(old);
	});
});

describe('database version 7', () => {
	it('opens a version 6 database: synced values move into their packs, edited and refused ones stay, and every screen still finds all of them', async () => {
		const old = `v6-${crypto.randomUUID()}`;
		const v6 = await openOldDevice(old, 6);
		const value = (id: string, locationId: string, period: string, extra: object = {}) => ({
			id,
			indicatorId: 'ind-h1',
			locationId,
			period,
			cell: 'total',
			value: 1,
			comment: '',
			updatedAt: '2026-09-01T00:00:00.000Z',
			updatedBy: 'someone',
			rev: 3,
			deleted: false,
			syncState: 'synced',
			...extra
		});
		await v6.table('values').bulkPut([
			value('v-synced-1', 'dist-goranboy', '2026Q2'),
			value('v-synced-2', 'dist-yevlakh', '2026Q2'),
			value('v-synced-3', 'dist-goranboy', '2026Q3'),
			value('v-local', 'dist-barda', '2026Q2', { syncState: 'local', value: 7 }),
			value('v-refused', 'dist-barda', '2026Q3', {
				syncState: 'rejected',
				rejectReason: 'value: too large'
			}),
			// Synced, but with an edit still in the outbox (saved again since): stays the device's.
			value('v-waiting', 'dist-tartar', '2026Q2')
		]);
		await v6.table('outbox').add({ mutationId: 'm-1', entity: 'value', entityId: 'v-waiting' });
		v6.close();

		const upgraded = new YolDatabase(old);
		await upgraded.open();
		expect(upgraded.verno).toBe(CLIENT_SCHEMA_VERSION);
		expect((await upgraded.values.toArray()).map((v) => v.id).sort()).toEqual([
			'v-local',
			'v-refused',
			'v-waiting'
		]);
		const packs = await upgraded.valuePacks.toArray();
		expect(packs.map((p) => [p.period, Object.keys(p.values).sort()])).toEqual([
			['2026Q2', ['v-synced-1', 'v-synced-2']],
			['2026Q3', ['v-synced-3']]
		]);
		const q2 = await valuesForPeriods(upgraded, 'ind-h1', ['2026Q2']);
		expect(q2.map((v) => `${v.id}:${v.syncState}`).sort()).toEqual([
			'v-local:local',
			'v-synced-1:synced',
			'v-synced-2:synced',
			'v-waiting:synced'
		]);
		const atPlace = await valuesAtPlace(upgraded, ['ind-h1'], 'dist-barda', ['2026Q2', '2026Q3']);
		expect(atPlace.map((v) => v.id).sort()).toEqual(['v-local', 'v-refused']);
		expect(await upgraded.outbox.count()).toBe(1);
		upgraded.close();
		await YolDatabase.delete(old);
	});
});

describe('database version 17', () => {
	it("opens a version 16 database with its outbox in order, an earlier import's changes marked with its id", async () => {
		const old = `v16-${crypto.randomUUID()}`;
		const v16 = await openOldDevice(old, 16);
		await v16.table('outbox').bulkAdd([
			{ mutationId: 'm-typed', entity: 'value', entityId: 'v-1' },
			{ mutationId: 'm-imported', entity: 'value', entityId: 'v-2' }
		]);
		await v16.table('imports').add({
			id: 'imp-1',
			at: '2026-12-01T10:00:00.000Z',
			by: 'Coordinator',
			fileName: 'office.xlsx',
			values: [{ id: 'v-2', mutationId: 'm-imported', previous: null, packed: false }]
		});
		v16.close();

		const upgraded = new YolDatabase(old);
		await upgraded.open();
		expect(upgraded.verno).toBe(CLIENT_SCHEMA_VERSION);
		const outbox = await upgraded.outbox.toArray();
		expect(outbox.map((e) => [e.mutationId, e.importId])).toEqual([
			['m-typed', undefined],
			['m-imported', 'imp-1']
		]);
		expect(await upgraded.outbox.where('importId').equals('imp-1').count()).toBe(1);
		upgraded.close();
		await YolDatabase.delete(old);
	});
});
