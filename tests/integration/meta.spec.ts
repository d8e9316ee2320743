import { expect, it } from 'vitest';
import { ensureMeta, getMeta, setMeta } from '../../src/lib/server/db/meta';
import { migrate } from '../../src/lib/server/db/migrate';
import { seedDemo } from '../../src/lib/server/demo';
import { describeStores } from './stores';

describeStores('meta', (db) => {
	it('gets nothing for an unset key, then what was set, then the overwrite', async () => {
		const { store } = db();
		await migrate(store);
		expect(await getMeta(store, 'instance_id')).toBeUndefined();
		await setMeta(store, 'instance_id', 'first');
		expect(await getMeta(store, 'instance_id')).toBe('first');
		await setMeta(store, 'instance_id', 'second');
		expect(await getMeta(store, 'instance_id')).toBe('second');
		// Beside it only the epoch that migration 010 wrote.
		expect(await store.all('SELECT key FROM meta ORDER BY key')).toEqual([
			{ key: 'epoch' },
			{ key: 'instance_id' }
		]);
	});

	it('ensureMeta keeps the first value written, even when servers race', async () => {
		const { store, another } = db();
		await migrate(store);
		const values = await Promise.all(
			['a', 'b', 'c'].map((value) => ensureMeta(another(), 'instance_id', value))
		);
		expect(new Set(values).size).toBe(1);
		expect(await getMeta(store, 'instance_id')).toBe(values[0]);
	});

	it('seeds the demo data once', async () => {
		const { store } = db();
		await migrate(store);
		const first = await seedDemo(store);
		expect(first?.seededAt).toMatch(/^\d{4}-\d\d-\d\dT/);
		expect(await getMeta(store, 'demo_seeded_at')).toBe(first?.seededAt);
		expect(await seedDemo(store)).toBeUndefined();
		expect(await getMeta(store, 'demo_seeded_at')).toBe(first?.seededAt);
	}, 30_000); // the whole demo set: seconds on a busy machine
});
