/**
 * What the service worker may cache, as plain data and pure functions: no `$service-worker` and
 * no worker globals here, so Vitest can run these rules in Node.
 */

/** Every cache this worker creates starts with this, so activate only deletes Yol's own. */
export const CACHE_PREFIX = 'yol-';

/**
 * How long a navigation waits for the network before the cached shell answers. Field tablets
 * often sit on one bar of signal: a request that neither fails nor succeeds must not leave a
 * caseworker looking at a blank screen.
 */
export const NAVIGATION_TIMEOUT_MS = 3000;

/**
 * GET API paths whose responses may be kept for offline use (network first, cache as fallback).
 * Empty on purpose: API answers can carry personal data about refugees and asylum seekers, and
 * anything in Cache Storage stays readable on a lost tablet. Offline data belongs in the app's
 * own store, where it can be scoped and wiped. Add a path only after deciding that it is safe.
 */
export const CACHEABLE_API_PATHS: readonly string[] = [];

export type RequestKind =
	/** A page load: network first, the cached shell when offline or slow. */
	| 'navigation'
	/** A file of this build or of static/: cache first. */
	| 'asset'
	/** An allow-listed GET API path: network first, cached copy when offline. */
	| 'api-cacheable'
	/** Everything else (non-GET, other origins, other API calls): left to the browser. */
	| 'network-only';

export interface RequestFacts {
	method: string;
	mode: string;
	url: URL;
}

/**
 * Sorts a request into the strategy that answers it.
 * @param origin the worker's own origin
 * @param base the app's base path ('' at the root)
 * @param assets pathnames of everything precached at install (build output, static files)
 */
export function classify(
	{ method, mode, url }: RequestFacts,
	origin: string,
	base: string,
	assets: ReadonlySet<string>
): RequestKind {
	// A POST, PUT or DELETE is a write: answering it from a cache would report a save that never
	// reached the server. The browser sends it (or fails it) exactly as without a worker.
	if (method !== 'GET') return 'network-only';
	if (url.origin !== origin) return 'network-only';

	const path = url.pathname;
	if (path === `${base}/api` || path.startsWith(`${base}/api/`)) {
		const local = path.slice(base.length);
		return CACHEABLE_API_PATHS.includes(local) ? 'api-cacheable' : 'network-only';
	}
	if (mode === 'navigate') return 'navigation';
	if (assets.has(path)) return 'asset';
	return 'network-only';
}

export type ShellBuild = 'this-build' | 'other-build' | 'unknown';

/**
 * Which build an HTML page belongs to, judged by the `/_app/immutable/` files it names. After a
 * deployment the server sends the next build's shell, which names files this (older) worker has
 * not precached: cached as the fallback, it would leave the app blank offline until the new
 * worker takes over. A page naming no build file at all (a captive portal's login page, a proxy's
 * error page) is 'unknown'.
 */
export function shellBuild(html: string, base: string, assets: ReadonlySet<string>): ShellBuild {
	const referenced = html.match(/\/_app\/immutable\/[^"'`\s)]+/g) ?? [];
	if (referenced.length === 0) return 'unknown';
	return referenced.every((path) => assets.has(base + path)) ? 'this-build' : 'other-build';
}
