import { base, build, files, prerendered, version } from '$service-worker';
import { CACHE_PREFIX, classify, shellBuild } from './policy';
import { cacheFirst, navigation, networkFirst, storeShell, type WorkerContext } from './strategies';

// The webworker lib types `self` as any worker; this one is a service worker.
const worker = globalThis as unknown as ServiceWorkerGlobalScope;

// Named after the build, so a new version fills its own caches while the old one keeps serving
// open pages, and activate can drop exactly the caches no build uses any more.
const ctx: WorkerContext = {
	appCache: `${CACHE_PREFIX}app-${version}`,
	apiCache: `${CACHE_PREFIX}api-${version}`,
	shellUrl: `${base}/`,
	base,
	assets: new Set([...build, ...files, ...prerendered])
};

async function precache(): Promise<void> {
	const cache = await caches.open(ctx.appCache);
	// Hashed build files may come from the HTTP cache (the page just downloaded them); static
	// files and prerendered pages keep their names across builds, so they must be fetched anew.
	await cache.addAll(build);
	await cache.addAll(
		[...files, ...prerendered].map((url) => new Request(url, { cache: 'reload' }))
	);

	const shell = await fetch(new Request(ctx.shellUrl, { cache: 'reload' }));
	if (!shell.ok) throw new Error(`App shell answered ${shell.status}`);
	const html = await shell.text();
	// Failing the install lets the browser retry later, instead of keeping a worker whose shell
	// names files it does not have (the server was redeployed between the two fetches).
	if (shellBuild(html, base, ctx.assets) === 'other-build') {
		throw new Error('App shell belongs to another build');
	}
	await storeShell(html, ctx, shell.headers);
}

async function dropOldCaches(): Promise<void> {
	const current = new Set([ctx.appCache, ctx.apiCache]);
	const names = await caches.keys();
	await Promise.all(
		names
			.filter((name) => name.startsWith(CACHE_PREFIX) && !current.has(name))
			.map((name) => caches.delete(name))
	);
}

worker.addEventListener('install', (event) => {
	// No skipWaiting here: an update waits until the page accepts it (see message below), so a
	// new version never replaces the code under a caseworker's half-typed entry.
	event.waitUntil(precache());
});

worker.addEventListener('activate', (event) => {
	// claim() only changes anything on the very first install (pages opened before any worker
	// existed); after an update the waiting worker takes over the pages on its own.
	event.waitUntil(dropOldCaches().then(() => worker.clients.claim()));
});

worker.addEventListener('message', (event) => {
	const data: unknown = event.data;
	if (typeof data === 'object' && data !== null && 'type' in data && data.type === 'SKIP_WAITING') {
		void worker.skipWaiting();
	}
});

worker.addEventListener('fetch', (event) => {
	const { request } = event;
	const url = new URL(request.url);
	const kind = classify(
		{ method: request.method, mode: request.mode, url },
		worker.location.origin,
		base,
		ctx.assets
	);
	// 'network-only' returns without respondWith: the browser then handles the request exactly
	// as if there were no worker, which is what writes and uncached API calls need.
	if (kind === 'navigation') event.respondWith(navigation(event, ctx));
	else if (kind === 'asset') event.respondWith(cacheFirst(event, ctx));
	else if (kind === 'api-cacheable') event.respondWith(networkFirst(event, ctx));
});
