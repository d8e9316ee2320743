import { dev } from '$app/environment';
import { pwa } from './pwa.svelte';

/** Tablets stay open for days: look for a new version this often while online. */
const UPDATE_CHECK_MS = 60 * 60 * 1000;

let started = false;

/**
 * Registers SvelteKit's service worker through workbox-window, which reports the install and
 * update steps that drive the prompt. Not in `vite dev`: there the worker would precache nothing
 * and only hide code changes behind a stale cache.
 */
export async function registerServiceWorker(): Promise<void> {
	if (started || dev || !('serviceWorker' in navigator)) return;
	started = true;

	// Loaded here, in the browser only: workbox-window's Node build is CommonJS.
	const { Workbox } = await import('workbox-window');
	// SvelteKit bundles the worker into one file with no import statements: a classic script.
	const wb = new Workbox('/service-worker.js', { scope: '/', type: 'classic' });

	wb.addEventListener('waiting', () => pwa.updateFound());
	wb.addEventListener('activated', (event) => {
		if (!event.isUpdate && !event.isExternal) pwa.firstInstallDone();
	});
	wb.addEventListener('controlling', (event) => {
		// The first install also takes control (clients.claim): that is no reason to reload.
		if (event.isUpdate || pwa.reloadRequested) pwa.takeOver();
	});
	pwa.connect(() => wb.messageSkipWaiting());

	try {
		await wb.register();
	} catch (error) {
		// The app still works online; it only loses offline use. Nothing for the user to do.
		console.warn('Service worker registration failed', error);
		return;
	}

	const checkForUpdate = () => {
		if (navigator.onLine) wb.update().catch(() => undefined);
	};
	setInterval(checkForUpdate, UPDATE_CHECK_MS);
	window.addEventListener('online', checkForUpdate);
}
