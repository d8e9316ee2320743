import { isOpen } from '$lib/domain/sync/conflict';
import type { LocalConflict, YolDatabase } from './database';

// Reading which conflicts wait for a person, apart from the writing half (db/conflicts.ts, which
// re-exports these): the sync status counts them on every screen, so this stays small.

/** Waiting for a person: open on the server and no choice made on this device yet. */
export function toReview(conflict: LocalConflict): boolean {
	return isOpen(conflict) && !conflict.pending;
}

/** Conflicts to review, newest first. */
export async function conflictsToReview(db: YolDatabase): Promise<LocalConflict[]> {
	const all = await db.conflicts.toArray();
	return all.filter(toReview).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** The open conflict about one value, if any (the entry cell links to its review). */
export async function openConflictFor(
	db: YolDatabase,
	valueId: string
): Promise<LocalConflict | undefined> {
	const list = await db.conflicts.where('entityId').equals(valueId).toArray();
	return list.filter(toReview).sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
}
