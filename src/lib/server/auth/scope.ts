import type { Actor } from '../../domain/auth';
import type { Location } from '../../domain/locations';
import { SEED_LOCATIONS } from '../../domain/seed/locations';
import type { Store } from '../db/store';

/**
 * A user's places: the roots of their scope and every place below them, from the location tree
 * the server holds (the seed's places count until the server holds its own copy, as in
 * validate.ts). `null` means every place.
 */
export interface Places {
	ids: ReadonlySet<string>;
	/** The roots' English names, for a reason a person can act on. */
	names: string[];
}

export async function placesOf(store: Store, actor: Actor): Promise<Places | null> {
	if (actor.locationIds === null) return null;
	const tree = await locationTree(store);
	const children = new Map<string, string[]>();
	for (const location of tree.values()) {
		if (location.parentId === null) continue;
		const list = children.get(location.parentId) ?? [];
		list.push(location.id);
		children.set(location.parentId, list);
	}
	const ids = new Set<string>();
	const visit = (id: string) => {
		if (ids.has(id)) return;
		ids.add(id);
		for (const child of children.get(id) ?? []) visit(child);
	};
	for (const root of actor.locationIds) if (tree.has(root)) visit(root);
	const names = actor.locationIds.map((id) => tree.get(id)?.name.en ?? id);
	return { ids, names };
}

async function locationTree(store: Store): Promise<Map<string, Location>> {
	const tree = new Map<string, Location>(SEED_LOCATIONS.map((l) => [l.id, l]));
	const rows = await store.all<{ id: string; deleted: number; data: string | null }>(
		`SELECT id, deleted, data FROM records WHERE entity = 'location'`
	);
	for (const row of rows) {
		if (row.deleted === 1 || row.data === null) tree.delete(row.id);
		else tree.set(row.id, JSON.parse(row.data) as Location);
	}
	return tree;
}

/** "Ganja-Dashkasan economic region and the places in it" */
export function describePlaces(places: Places): string {
	const list =
		places.names.length <= 1
			? (places.names[0] ?? 'no place')
			: `${places.names.slice(0, -1).join(', ')} and ${places.names.at(-1)}`;
	return `${list} and the places in ${places.names.length === 1 ? 'it' : 'them'}`;
}
