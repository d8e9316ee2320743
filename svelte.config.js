import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

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
		alias: { $locales: 'locales' }
	}
};

export default config;
