import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { CSP_DIRECTIVES } from './src/lib/server/http/security-headers.js';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build' }),
		// The service worker serves one cached app shell for every route, so asset URLs
		// in that shell must be absolute: a relative "./_app" would break on nested routes.
		paths: { relative: false },
		// Registered by src/lib/pwa through workbox-window, which drives the update prompt.
		serviceWorker: { register: false },
		// Hashes, not nonces: the service worker replays one cached shell (and its header) for
		// every route, and a nonce replayed is no nonce. The directives are shared with the
		// headers of static files and the service worker (security-headers.js).
		csp: {
			mode: 'hash',
			directives: /** @type {import('@sveltejs/kit').CspDirectives} */ (
				/** @type {unknown} */ (
					Object.fromEntries(Object.entries(CSP_DIRECTIVES).map(([k, v]) => [k, [...v]]))
				)
			)
		},
		alias: { $locales: 'locales' }
	}
};

export default config;
