import type { Store } from './store';

/** Keys in use, listed so a typo is a type error rather than a setting silently never found. */
export type MetaKey = 'instance_id' | 'demo_seeded_at' | 'epoch';

export async function getMeta(store: Store, key: MetaKey): Promise<string | undefined> {
	const row = await store.get<{ value: string }>('SELECT value FROM meta WHERE key = $1', [key]);
	return row?.value;
}

export async function setMeta(store: Store, key: MetaKey, value: string): Promise<void> {
	await store.run(
		'INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
		[key, value]
	);
}

/**
 * Stores `value` unless the key is already set, and returns whichever value won. Two app servers
 * racing to create `instance_id` both end up with the same one.
 */
export async function ensureMeta(store: Store, key: MetaKey, value: string): Promise<string> {
	await store.run('INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [
		key,
		value
	]);
	const stored = await getMeta(store, key);
	if (stored === undefined) throw new Error(`meta ${key} vanished right after it was written`);
	return stored;
}
