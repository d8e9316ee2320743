import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { YolDatabase, userDatabaseName } from './database';
import { deviceId } from './device';
import { LEGACY_DATABASE_NAME, settleLegacyDatabase } from './legacy';
import { saveValue } from './values';

const input = {
	indicatorId: 'ind-h1',
	locationId: 'dist-yevlakh',
	period: '2026Q3',
	cell: 'total',
	value: 12,
	comment: 'visit in Yevlakh'
};

/** A device from before accounts: one database for everyone, with data in it. */
async function legacyDevice(unsynced: boolean): Promise<string> {
	const legacy = new YolDatabase(LEGACY_DATABASE_NAME);
	const id = await deviceId(legacy);
	await legacy.locations.put({
		id: 'dist-yevlakh',
		parentId: null,
		level: 'district',
		names: { az: 'Yevlax', en: 'Yevlakh', ru: 'Евлах' },
		rev: 3,
		syncState: 'synced'
	} as never);
	await saveValue(legacy, input, 'Ana');
	if (!unsynced) await legacy.outbox.clear();
	legacy.close();
	return id;
}

afterEach(async () => {
	await Dexie.delete(LEGACY_DATABASE_NAME);
	await Dexie.delete(userDatabaseName('u-ana'));
	await Dexie.delete(userDatabaseName('u-bob'));
});

describe('the database from before accounts', () => {
	it('is left alone when there is none', async () => {
		expect(await settleLegacyDatabase('u-ana')).toBe('none');
		expect(await Dexie.exists(userDatabaseName('u-ana'))).toBe(false);
	});

	it('gives its unsynced changes to the first user who signs in, then is removed', async () => {
		const oldDevice = await legacyDevice(true);
		expect(await settleLegacyDatabase('u-ana')).toBe('adopted');
		expect(await Dexie.exists(LEGACY_DATABASE_NAME)).toBe(false);

		const mine = new YolDatabase(userDatabaseName('u-ana'));
		const outbox = await mine.outbox.toArray();
		expect(outbox).toHaveLength(1);
		expect(outbox[0]).toMatchObject({ entity: 'value', op: 'put', data: { value: 12 } });
		const value = await mine.values.get(outbox[0]!.entityId);
		expect(value).toMatchObject({ value: 12, comment: 'visit in Yevlakh', syncState: 'local' });
		expect(await mine.history.where('entityId').equals(outbox[0]!.entityId).count()).toBe(1);
		// The server knows the device by its id: its exactly-once counter carries on.
		expect(await deviceId(mine)).toBe(oldDevice);
		// Copies of server records are not taken over: the user's first start downloads their own.
		expect(await mine.locations.count()).toBe(0);
		// New work continues the numbering after the old outbox.
		await saveValue(mine, { ...input, period: '2026Q4' }, 'Ana');
		const seqs = (await mine.outbox.toArray()).map((e) => e.seq);
		expect(seqs[1]).toBeGreaterThan(seqs[0] ?? Infinity);
		mine.close();
	});

	it('is removed when nothing in it is unsynced', async () => {
		await legacyDevice(false);
		expect(await settleLegacyDatabase('u-ana')).toBe('removed');
		expect(await Dexie.exists(LEGACY_DATABASE_NAME)).toBe(false);
	});

	it('keeps unsynced changes for a user without a database when this user already has one', async () => {
		await legacyDevice(true);
		const existing = new YolDatabase(userDatabaseName('u-bob'));
		await existing.open();
		existing.close();
		expect(await settleLegacyDatabase('u-bob')).toBe('kept');
		expect(await Dexie.exists(LEGACY_DATABASE_NAME)).toBe(true);
		expect(await settleLegacyDatabase('u-ana')).toBe('adopted');
	});
});
