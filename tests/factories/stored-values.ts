import type { LocalValue, YolDatabase } from '../../src/lib/db/database';
import { allValues } from '../../src/lib/db/value-packs';

// What a person would find on the device, wherever the database keeps it (its own `values`, or
// the server's packs): tests ask by id, which the app itself never needs for a packed value.

export function storedValues(db: YolDatabase): Promise<LocalValue[]> {
	return allValues(db);
}

export async function storedValue(db: YolDatabase, id: string): Promise<LocalValue | undefined> {
	return (await allValues(db)).find((v) => v.id === id);
}

export async function storedValuesById(
	db: YolDatabase,
	ids: readonly string[]
): Promise<(LocalValue | undefined)[]> {
	const byId = new Map((await allValues(db)).map((v) => [v.id, v]));
	return ids.map((id) => byId.get(id));
}

export async function countStoredValues(db: YolDatabase): Promise<number> {
	return (await allValues(db)).length;
}
