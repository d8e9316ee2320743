import type { Actor } from '../../domain/auth';
import type { Change, PullResponse } from '../../domain/sync/protocol';
import { ENTITY_RULES } from '../auth/permissions';
import { placesOf } from '../auth/scope';
import type { SqlValue, Store } from '../db/store';
import { fromRow } from './records';

/**
 * Which records a device may pull, from the entity table in auth/permissions.ts: entities sent
 * whole, entities sent only where `records.location_id` lies in the user's places (a caseworker's
 * values), and a function that strips what the user may not see of a record. Records out of scope
 * are left out IN SQL, so the page size and `hasMore` stay right and nothing out of scope ever
 * leaves the database. Entities in neither list are not sent at all.
 */
export type PullScope =
	| { kind: 'everything' }
	| {
			kind: 'limited';
			entities: readonly string[];
			placed: readonly string[];
			locationIds: readonly string[];
			redact?: (entity: string, data: unknown) => unknown;
	  };

/** No filter: for the server's own use and tests. Users get `scopeFor(actor)`. */
export const EVERYTHING: PullScope = { kind: 'everything' };

/** What `actor` may pull. */
export async function scopeFor(store: Store, actor: Actor): Promise<PullScope> {
	const places = await placesOf(store, actor);
	const entities: string[] = [];
	const placed: string[] = [];
	for (const [entity, rule] of Object.entries(ENTITY_RULES)) {
		const read = rule.read(actor);
		if (read === 'all' || (read === 'places' && places === null)) entities.push(entity);
		else if (read === 'places') placed.push(entity);
	}
	return {
		kind: 'limited',
		entities,
		placed,
		locationIds: places ? [...places.ids] : [],
		redact: (entity, data) => {
			const redact = ENTITY_RULES[entity]?.redact;
			return redact && typeof data === 'object' && data !== null
				? redact(actor, data as Record<string, unknown>)
				: data;
		}
	};
}

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
	const rows = await store.all<Parameters<typeof fromRow>[0]>(
		`SELECT entity, id, rev, deleted, data, field_revs FROM records WHERE ${where}
		ORDER BY rev LIMIT $2`,
		params
	);
	const hasMore = rows.length > limit;
	const changes: Change[] = rows.slice(0, limit).map((row) => {
		const record = fromRow(row);
		return {
			rev: record.rev,
			entity: record.entity,
			entityId: record.id,
			deleted: record.deleted,
			data:
				scope.kind === 'limited' && scope.redact && record.data !== null
					? scope.redact(record.entity, record.data)
					: record.data
		};
	});
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
	if (scope.kind !== 'limited') return { sql: '', params: [] };
	const params: SqlValue[] = [];
	const list = (values: readonly string[]) =>
		values
			.map((value) => {
				params.push(value);
				return `$${first + params.length - 1}`;
			})
			.join(', ');
	const parts: string[] = [];
	if (scope.entities.length > 0) parts.push(`entity IN (${list(scope.entities)})`);
	if (scope.placed.length > 0 && scope.locationIds.length > 0) {
		parts.push(
			`(entity IN (${list(scope.placed)}) AND location_id IN (${list(scope.locationIds)}))`
		);
	}
	return { sql: parts.length > 0 ? ` AND (${parts.join(' OR ')})` : ' AND 1 = 0', params };
}
