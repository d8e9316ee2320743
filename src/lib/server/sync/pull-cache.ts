import type { Actor } from '../../domain/auth';
import type { Store } from '../db/store';
import { readPage, scopeFor, type PageParts, type PullScope } from './pull';

/**
 * A short-lived cache of pull pages, for many devices asking for the same changes at once (the
 * routine pull near the head, or several tablets on their first sync): one query answers them
 * all, and requests arriving while it runs wait for it instead of repeating it.
 *
 * A page is keyed by the server's head revision, read on every request: any change to a record
 * takes a new revision (records.ts), so a cached page is never older than the head it was read
 * at. Pages are kept per scope (the entities, places and role a page was read for: redaction
 * depends on the role, ENTITY_RULES), and `canSee` still runs per user on every answer (see
 * pageJson). Entries also expire after a few seconds, so even a counter set back by hand (a
 * restored backup) cannot serve an old page for long. Per process: several app servers each
 * keep their own, which is safe since each reads the head from the shared database.
 */

const TTL_MS = 5_000;
/** Bounds the memory: page text (characters) kept at most, and entries. */
const MAX_CHARS = 32 * 1024 * 1024;
const MAX_ENTRIES = 1_000;

interface Entry {
	page: Promise<PageParts>;
	at: number;
	chars: number;
}

interface Cache {
	pages: Map<string, Entry>;
	chars: number;
	scopes: Map<string, { scope: Promise<PullScope>; head: number }>;
}

const caches = new WeakMap<Store, Cache>();

function cacheOf(store: Store): Cache {
	let cache = caches.get(store);
	if (!cache) {
		cache = { pages: new Map(), chars: 0, scopes: new Map() };
		caches.set(store, cache);
	}
	return cache;
}

/** The newest revision handed out (all of them committed: see records.ts lockRevisions). */
export async function headRevision(store: Store): Promise<number> {
	const row = await store.get<{ rev: number }>('SELECT rev FROM sync_revision WHERE id = 1');
	return row?.rev ?? 0;
}

/**
 * The head revision and the server's epoch (migration 010), in one query: every pull answer
 * carries the epoch, so a device notices a restore on its next pull.
 */
export async function headAndEpoch(
	store: Store
): Promise<{ head: number; epoch: string | undefined }> {
	const row = await store.get<{ rev: number | null; epoch: string | null }>(
		`SELECT (SELECT rev FROM sync_revision WHERE id = 1) AS rev,
			(SELECT value FROM meta WHERE key = 'epoch') AS epoch`
	);
	return { head: row?.rev ?? 0, epoch: row?.epoch ?? undefined };
}

/**
 * `scopeFor(actor)`, read again only when the head moves (a place added to the tree changes a
 * caseworker's scope; their account's places are part of the key).
 */
export function cachedScope(store: Store, actor: Actor, head: number): Promise<PullScope> {
	const cache = cacheOf(store);
	const key = JSON.stringify([actor.userId, actor.role, actor.locationIds]);
	const found = cache.scopes.get(key);
	if (found && found.head === head) return found.scope;
	const scope = scopeFor(store, actor);
	if (cache.scopes.size >= MAX_ENTRIES) cache.scopes.clear();
	cache.scopes.set(key, { scope, head });
	scope.catch(() => cache.scopes.delete(key));
	return scope;
}

/** `readPage`, shared with every request for the same page of the same scope at the same head. */
export function cachedPage(
	store: Store,
	head: number,
	after: number,
	limit: number,
	scope: PullScope,
	role: Actor['role'],
	now = Date.now()
): Promise<PageParts> {
	const cache = cacheOf(store);
	const key = JSON.stringify([head, after, limit, role, scope.key]);
	const found = cache.pages.get(key);
	if (found && now - found.at < TTL_MS) {
		// Least recently used first in the map: re-inserting marks it used.
		cache.pages.delete(key);
		cache.pages.set(key, found);
		return found.page;
	}
	if (found) forget(cache, key, found);
	const entry: Entry = { page: readPage(store, after, limit, scope), at: now, chars: 0 };
	cache.pages.set(key, entry);
	entry.page.then(
		(page) => {
			if (cache.pages.get(key) !== entry) return;
			entry.chars = page.changes.reduce((n, c) => n + c.text.length, 0);
			cache.chars += entry.chars;
			evict(cache, now);
		},
		() => forget(cache, key, entry)
	);
	return entry.page;
}

function forget(cache: Cache, key: string, entry: Entry): void {
	if (cache.pages.get(key) !== entry) return;
	cache.pages.delete(key);
	cache.chars -= entry.chars;
}

/** Drops expired entries, then the least recently used until within bounds. */
function evict(cache: Cache, now: number): void {
	for (const [key, entry] of cache.pages) {
		if (cache.chars <= MAX_CHARS && cache.pages.size <= MAX_ENTRIES && now - entry.at < TTL_MS) {
			break;
		}
		forget(cache, key, entry);
	}
}
