import type { Change, Entity, PullResponse } from '../../domain/sync/protocol';
import type { SqlValue, Store } from '../db/store';

interface PulledRow {
	entity: Entity;
	id: string;
	rev: number;
	deleted: number;
	data: string | null;
}

/**
 * Which records a device may pull. For now every device gets everything; when the auth issue
 * brings roles, a caseworker's device will get `{ kind: 'places', locationIds }` (their districts,
 * expanded from their role's location): values elsewhere are left out IN SQL, via the
 * `records.location_id` column, so the page size and `hasMore` stay right and nothing out of scope
 * ever leaves the database. The catalogue (indicators, places) always goes to every device.
 */
export type PullScope = { kind: 'everything' } | { kind: 'places'; locationIds: readonly string[] };

export const EVERYTHING: PullScope = { kind: 'everything' };

/**
 * Changes with a revision above `after`, oldest first, at most `limit`. One row more than asked
 * is read to learn whether more remain without a count. The cursor is the last revision returned
 * (or `after` when nothing was): revisions are handed out in commit order (see records.ts), so
 * resuming from it can never skip a change.
 */
export async function pullChanges(
	store: Store,
	after: number,
	limit: number,
	scope: PullScope = EVERYTHING
): Promise<PullResponse> {
	const filter = scopeFilter(scope, 3);
	const where = `rev > $1${filter.sql}`;
	const params: SqlValue[] = [after, limit + 1, ...filter.params];
	// field_revs (the merge bookkeeping) stays on the server: not read, not parsed.
	const rows = await store.all<PulledRow>(
		`SELECT entity, id, rev, deleted, data FROM records WHERE ${where}
		ORDER BY rev LIMIT $2`,
		params
	);
	const hasMore = rows.length > limit;
	const changes: Change[] = rows.slice(0, limit).map((row) => ({
		rev: row.rev,
		entity: row.entity,
		entityId: row.id,
		deleted: row.deleted === 1,
		data: row.data === null ? null : (JSON.parse(row.data) as unknown)
	}));
	const cursor = changes.at(-1)?.rev ?? after;
	// Counted only while pages remain: a first sync shows progress, a routine pull pays nothing.
	const remaining = hasMore
		? ((
				await store.get<{ n: number }>(
					`SELECT count(*) AS n FROM records WHERE rev > $1${scopeFilter(scope, 2).sql}`,
					[cursor, ...filter.params]
				)
			)?.n ?? 0)
		: 0;
	return { changes, cursor, hasMore, remaining };
}

/** The scope's SQL condition, with placeholders numbered from `first`. */
function scopeFilter(scope: PullScope, first: number): { sql: string; params: SqlValue[] } {
	if (scope.kind !== 'places') return { sql: '', params: [] };
	const list = scope.locationIds.map((_, i) => `$${first + i}`).join(', ');
	return {
		sql: list ? ` AND (entity <> 'value' OR location_id IN (${list}))` : ` AND entity <> 'value'`,
		params: [...scope.locationIds]
	};
}
