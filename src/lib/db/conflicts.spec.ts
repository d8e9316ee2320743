import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { openOldDevice } from '../../../tests/factories/local-db';
import { describe, expect, it } from 'vitest';
import { CLIENT_SCHEMA_VERSION } from '$lib/domain/sync/protocol';
import { YolDatabase } from './database';

describe('the device database, version 3', () => {
	it('opens a version 1 database with its data and unsent changes intact, and no conflicts', async () => {
		const name = `upgrade-${crypto.randomUUID()}`;
		// A tablet still on the first release: the same stores, as version 1 declared them.
		const old = await openOldDevice(name, 1);
		await old.table('values').put({ id: 'v1', indicatorId: 'i', period: '2026-01', value: 4 });
		await old.table('outbox').add({ entity: 'value', entityId: 'v1', op: 'put', baseRev: 0 });
		old.close();

		const db = new YolDatabase(name);
		await db.open();
		expect(db.verno).toBe(CLIENT_SCHEMA_VERSION);
		expect(await db.values.get('v1')).toMatchObject({ value: 4 });
		expect(await db.outbox.count()).toBe(1);
		expect(await db.conflicts.count()).toBe(0);
		db.close();
		await Dexie.delete(name);
	});
});
