import { createHash } from 'node:crypto';
import type { Actor } from '../../domain/auth';
import type { Change, Entity, PullResponse } from '../../domain/sync/protocol';
import { ENTITY_RULES } from '../auth/permissions';
import { placesOf } from '../auth/scope';
import type { SqlValue, Store } from '../db/store';

interface PulledRow {
	entity: Entity;
	id: string;
	rev: number;
	deleted: number;
	data: string | null;
}

/**
 * Which records a device may pull, from the entity table in auth/permissions.ts: entities sent
 * whole, entities sent only where `records.location_id` lies in the user's places (a caseworker's
 * values), and a function that strips what the user may not see of a record. Records out of scope
 * are left out IN SQL, so the page size and `hasMore` stay right and nothing out of scope ever
 * leaves the database. Entities in neither list are not sent at all.
 */
export type PullScope =
	| { kind: 'everything'; key: string }
	| {
			kind: 'limited';
			entities: readonly string[];
			placed: readonly string[];
			locationIds: readonly string[];
			redact?: (entity: string, data: unknown) => unknown;
			/**
			 * What the scope lets through, in a few characters (role, entities, places): sent with
			 * every page, so a device whose data was pulled under another scope (its places or role
			 * changed) learns that it holds records it may no longer see, or lacks some it now may.
			 */
			key: string;
	  };

/** No filter: for the server's own use and tests. Users get `scopeFor(actor)`. */
export const EVERYTHING: PullScope = { kind: 'everything', key: 'all' };

/**
 * A last word on each record that SQL cannot say cheaply: who may see a conflict depends on its
 * two authors, inside its JSON (domain/sync/conflict.ts `canSeeConflict`). Records it refuses are
 * skipped but still move the cursor, so a device is never asked to read them again.
 */
export type PullFilter = (change: Change) => boolean;

const ALL: PullFilter = () => true;

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
	const locationIds = places ? [...places.ids].sort() : [];
	const key = createHash('sha256')
		.update(JSON.stringify([actor.role, entities, placed, locationIds]))
		.digest('base64url')
		.slice(0, 16);
	return {
		kind: 'limited',
		entities,
		placed,
		locationIds,
		key,
		redact: (entity, data) => {
			const redact = ENTITY_RULES[entity]?.redact;
			return redact && typeof data === 'object' && data !== null
				? redact(actor, data as Record<string, unknown>)
				: data;
		}
	};
}

/**
 * One page as read from the store, each change already written as its JSON text: the stored
 * record's JSON goes into the answer as it is (not parsed and written again) unless the scope
 * redacts it. Conflicts keep their parsed data too, for the per-user `canSee` filter.
 */
export interface PageParts {
	changes: { text: string; conflict?: Change }[];
	/** The last revision read (or `after`): records refused by `canSee` still move the cursor. */
	cursor: number;
	hasMore: boolean;
	remaining: number;
	/** The scope's key (PullScope), so the device can tell when its scope changed. */
	scope: string;
}

/**
 * Changes with a revision above `after`, oldest first, at most `limit`. One row more than asked
 * is read to learn whether more remain without a count. The cursor is the last revision returned
 * (or `after` when nothing was): revisions are handed out in commit order (see records.ts), so
 * resuming from it can never skip a change.
 */
export async function readPage(
	store: Store,
	after: number,
	limit: number,
	scope: PullScope = EVERYTHING
): Promise<PageParts> {
	const filter = scopeFilter(scope, 3);
	const where = `rev > $1${filter.sql}`;
	const params: SqlValue[] = [after, limit + 1, ...filter.params];
	// field_revs (the merge bookkeeping) stays on the server: not read, not parsed.
	const rows = await store.all<PulledRow>(
		`SELECT entity, id, rev, deleted, data FROM ${byRevision(store)} WHERE ${where}
		ORDER BY rev LIMIT $2`,
		params
	);
	const hasMore = rows.length > limit;
	const page = hasMore ? rows.slice(0, limit) : rows;
	const changes = page.map((row) => changeText(row, scope));
	const cursor = page.at(-1)?.rev ?? after;
	// Counted only while pages remain: a first sync shows progress, a routine pull pays nothing.
	const remaining = hasMore
		? ((
				await store.get<{ n: number }>(
					`SELECT count(*) AS n FROM ${byRevision(store)} WHERE rev > $1${scopeFilter(scope, 2).sql}`,
					[cursor, ...filter.params]
				)
			)?.n ?? 0)
		: 0;
	return { changes, cursor, hasMore, remaining, scope: scope.key };
}

/**
 * The records table read along its revision index. Without statistics SQLite prefers the primary
 * key for the scope's `entity IN (…)` and then sorts every record of those entities: a pull of
 * 100 changes took 240 ms on a server holding 1,000,000 values instead of well under 1 ms.
 * PostgreSQL's planner has statistics and picks the revision index for a page by itself.
 */
function byRevision(store: Store): string {
	return store.dialect === 'sqlite' ? 'records INDEXED BY records_rev' : 'records';
}

/** A row as the JSON text of its Change (ChangeSchema's fields, in its order). */
function changeText(row: PulledRow, scope: PullScope): PageParts['changes'][number] {
	const head = `{"rev":${row.rev},"entity":${JSON.stringify(row.entity)},"entityId":${JSON.stringify(row.id)},"deleted":${row.deleted === 1},"data":`;
	if (row.data === null) return { text: `${head}null}` };
	const redact = scope.kind === 'limited' ? scope.redact : undefined;
	if (row.entity !== 'conflict' && !ENTITY_RULES[row.entity]?.redact) {
		return { text: `${head}${row.data}}` };
	}
	const data = JSON.parse(row.data) as unknown;
	const shown = redact ? redact(row.entity, data) : data;
	// A redaction with nothing to strip returns its input: the stored text is then the answer.
	const text = `${head}${shown === data ? row.data : JSON.stringify(shown)}}`;
	if (row.entity !== 'conflict') return { text };
	const conflict = {
		rev: row.rev,
		entity: row.entity,
		entityId: row.id,
		deleted: row.deleted === 1
	};
	return { text, conflict: { ...conflict, data: shown } };
}

/** The page's changes that `canSee` lets through, as one JSON array. */
function changesJson(parts: PageParts, canSee: PullFilter): string {
	const texts: string[] = [];
	for (const change of parts.changes) {
		if (change.conflict && !canSee(change.conflict)) continue;
		texts.push(change.text);
	}
	return `[${texts.join(',')}]`;
}

/** The page as the protocol's PullResponse (PullResponseSchema), in JSON. */
export function pageJson(parts: PageParts, canSee: PullFilter = ALL, epoch?: string): string {
	const tail = epoch === undefined ? '' : `,"epoch":${JSON.stringify(epoch)}`;
	return `{"changes":${changesJson(parts, canSee)},"cursor":${parts.cursor},"hasMore":${parts.hasMore},"remaining":${parts.remaining},"scope":${JSON.stringify(parts.scope)}${tail}}`;
}

const encoder = new TextEncoder();
const bodies = new WeakMap<PageParts, { epoch?: string; body: Uint8Array<ArrayBuffer> }>();

/**
 * `pageJson` as bytes for an HTTP answer. A page with no conflict in it reads the same for every
 * user of its scope: encoded once, so a cached page shared by many devices costs each of them a
 * socket write and no string building.
 */
export function pageBody(
	parts: PageParts,
	canSee: PullFilter = ALL,
	epoch?: string
): Uint8Array<ArrayBuffer> {
	if (parts.changes.some((change) => change.conflict)) {
		return encoder.encode(pageJson(parts, canSee, epoch));
	}
	const cached = bodies.get(parts);
	if (cached && cached.epoch === epoch) return cached.body;
	const body = encoder.encode(pageJson(parts, ALL, epoch));
	bodies.set(parts, { epoch, body });
	return body;
}

/** `readPage` as objects: for the server's own use and tests. */
export async function pullChanges(
	store: Store,
	after: number,
	limit: number,
	scope: PullScope = EVERYTHING,
	canSee: PullFilter = ALL
): Promise<PullResponse> {
	return JSON.parse(pageJson(await readPage(store, after, limit, scope), canSee)) as PullResponse;
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
