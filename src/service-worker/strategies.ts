import { NAVIGATION_TIMEOUT_MS, shellBuild } from './policy';

/** What the strategies need to know about this build; set up once in index.ts. */
export interface WorkerContext {
	/** The cache holding this build's shell, assets and static files. */
	appCache: string;
	/** The cache for allow-listed API answers (see CACHEABLE_API_PATHS). */
	apiCache: string;
	/** The URL the shell is fetched from and stored under: `${base}/`. */
	shellUrl: string;
	base: string;
	assets: ReadonlySet<string>;
}

const TIMED_OUT = Symbol('timed out');

function after(ms: number): { promise: Promise<typeof TIMED_OUT>; cancel: () => void } {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const promise = new Promise<typeof TIMED_OUT>((resolve) => {
		timer = setTimeout(() => resolve(TIMED_OUT), ms);
	});
	return { promise, cancel: () => clearTimeout(timer) };
}

async function cachedShell(ctx: WorkerContext): Promise<Response | undefined> {
	const cache = await caches.open(ctx.appCache);
	return cache.match(ctx.shellUrl);
}

function isHtml(response: Response): boolean {
	return (response.headers.get('content-type') ?? '').includes('text/html');
}

/**
 * Replaces the cached shell with a fresh copy from the network, but only with a page of this very
 * build (see shellBuild): the server may already run the next version, or the "200 text/html"
 * may be a captive portal's login page.
 */
async function refreshShell(response: Response, ctx: WorkerContext): Promise<void> {
	if (response.status !== 200 || !isHtml(response)) return;
	const html = await response.text();
	if (shellBuild(html, ctx.base, ctx.assets) !== 'this-build') return;
	await storeShell(html, ctx, response.headers);
}

/** The page's security headers, which the shell must keep when it is served from the cache. */
export const SHELL_HEADERS = [
	'content-security-policy',
	'x-content-type-options',
	'x-frame-options',
	'referrer-policy',
	'permissions-policy'
] as const;

/**
 * Keeps the shell as a fresh response with its content type and the page's security headers
 * (its Content-Security-Policy holds the hash of this very body's start-up script, so it stays
 * right offline): the body is already decoded, so the server's Content-Encoding and
 * Content-Length would now be wrong, and a Set-Cookie has no business being replayed offline.
 */
export async function storeShell(html: string, ctx: WorkerContext, from: Headers): Promise<void> {
	const cache = await caches.open(ctx.appCache);
	const headers = new Headers({ 'content-type': 'text/html; charset=utf-8' });
	for (const name of SHELL_HEADERS) {
		const value = from.get(name);
		if (value !== null) headers.set(name, value);
	}
	await cache.put(ctx.shellUrl, new Response(html, { status: 200, headers }));
}

/**
 * Page loads: the network when it answers within NAVIGATION_TIMEOUT_MS, otherwise the cached
 * shell. The shell is the same SPA page for every route (ssr is off), so it also opens routes
 * never visited before. A server error (5xx) also gets the shell, which can still work from
 * local data; a 4xx is the server's real answer and passes through.
 */
export async function navigation(event: FetchEvent, ctx: WorkerContext): Promise<Response> {
	const network = fetch(event.request).then((response) => {
		// Cloned before the page starts reading the body; waitUntil keeps the worker alive for
		// the write even after the page has been answered from the cache on a timeout.
		event.waitUntil(refreshShell(response.clone(), ctx).catch(() => undefined));
		return response;
	});
	// A slow request that fails after the timeout has no one left to catch it.
	network.catch(() => undefined);

	const timeout = after(NAVIGATION_TIMEOUT_MS);
	try {
		const first = await Promise.race([network, timeout.promise]);
		if (first === TIMED_OUT) return (await cachedShell(ctx)) ?? (await network);
		if (first.status >= 500) return (await cachedShell(ctx)) ?? first;
		return first;
	} catch {
		return (await cachedShell(ctx)) ?? Response.error();
	} finally {
		timeout.cancel();
	}
}

/**
 * Files of this build and of static/: hashed or versioned with the worker, so the cached copy is
 * always the right one. A miss (the cache was evicted) is fetched and stored again.
 */
export async function cacheFirst(event: FetchEvent, ctx: WorkerContext): Promise<Response> {
	const cache = await caches.open(ctx.appCache);
	const cached = await cache.match(event.request, { ignoreSearch: true });
	if (cached) return cached;
	const response = await fetch(event.request);
	if (response.ok) event.waitUntil(cache.put(event.request, response.clone()));
	return response;
}

/** Allow-listed GET API answers: always the network's when there is one, the last copy if not. */
export async function networkFirst(event: FetchEvent, ctx: WorkerContext): Promise<Response> {
	const cache = await caches.open(ctx.apiCache);
	try {
		const response = await fetch(event.request);
		if (response.ok) event.waitUntil(cache.put(event.request, response.clone()));
		return response;
	} catch (error) {
		const cached = await cache.match(event.request);
		if (cached) return cached;
		throw error;
	}
}
