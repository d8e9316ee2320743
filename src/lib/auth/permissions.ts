import type { Actor } from '$lib/domain/auth';

/**
 * What the interface offers each role. The server decides (it refuses anything else); the
 * device only hides or locks what would be refused, and says why.
 */

interface Place {
	id: string;
	parentId?: string | null;
}

export function canEditCatalogue(actor: Pick<Actor, 'role'> | null): boolean {
	return actor?.role === 'coordinator';
}

/** Measures, meetings and the organisations list: the working group's secretariat. */
export function canEditRoadmap(actor: Pick<Actor, 'role'> | null): boolean {
	return actor?.role === 'coordinator';
}

/** The working group's settings (the small-count threshold): set for everyone by the coordinator. */
export function canChangeSettings(actor: Pick<Actor, 'role'> | null): boolean {
	return actor?.role === 'coordinator';
}

/** Notes on work done come from the field too. */
export function canWriteNotes(actor: Pick<Actor, 'role'> | null): boolean {
	return actor?.role === 'coordinator' || actor?.role === 'caseworker';
}

export function canManageUsers(actor: Pick<Actor, 'role'> | null): boolean {
	return actor?.role === 'admin';
}

/** Whether a place lies in the actor's scope: one of its roots or below one (null: all). */
export function inScope(
	actor: Pick<Actor, 'locationIds'>,
	locationId: string,
	places: readonly Place[]
): boolean {
	if (actor.locationIds === null) return true;
	const roots = new Set(actor.locationIds);
	const parentOf = new Map(places.map((p) => [p.id, p.parentId ?? null]));
	const seen = new Set<string>();
	for (
		let id: string | null = locationId;
		id !== null && !seen.has(id);
		id = parentOf.get(id) ?? null
	) {
		if (roots.has(id)) return true;
		seen.add(id); // a broken tree with a cycle must not hang the screen
	}
	return false;
}

/** Why values of a place are read-only for this person, or null when they may enter them. */
export type ReadOnlyReason = 'role' | 'scope';

export function entryReadOnly(
	actor: Pick<Actor, 'role' | 'locationIds'> | null,
	locationId: string,
	places: readonly Place[]
): ReadOnlyReason | null {
	if (!actor) return 'role';
	if (actor.role === 'coordinator') return null;
	if (actor.role === 'caseworker') return inScope(actor, locationId, places) ? null : 'scope';
	return 'role';
}

/** The places a person's lists start with: their scope first, the rest after, order kept. */
export function scopeFirst<T extends Place>(
	actor: Pick<Actor, 'locationIds'> | null,
	candidates: readonly T[],
	places: readonly Place[]
): T[] {
	if (!actor || actor.locationIds === null) return [...candidates];
	const mine = candidates.filter((c) => inScope(actor, c.id, places));
	return [...mine, ...candidates.filter((c) => !mine.includes(c))];
}

/**
 * The places a person's pickers offer: a caseworker's own only (their device holds no other
 * figures, and they may enter none), everyone else's every place.
 */
export function placesToUse<T extends Place>(
	actor: Pick<Actor, 'locationIds'> | null,
	candidates: readonly T[],
	places: readonly Place[]
): T[] {
	if (!actor || actor.locationIds === null) return [...candidates];
	return candidates.filter((c) => inScope(actor, c.id, places));
}
