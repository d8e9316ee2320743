import { dev } from '$app/environment';
import { pwa } from './pwa.svelte';

/** Tablets stay open for days: look for a new version this often while online. */
const UPDATE_CHECK_MS = 60 * 60 * 1000;

let started = false;

/**
 * Registers SvelteKit's service worker and follows its install and update steps, which drive the
 * prompt. (Done with the browser's own API: workbox-window did the same for 2 KB more of the app
 * shell.) Not in `vite dev`: there the worker would precache nothing and only hide code changes
 * behind a stale cache.
 */
export async function registerServiceWorker(): Promise<void> {
	if (started || dev || !('serviceWorker' in navigator)) return;
	started = true;
	const container = navigator.serviceWorker;
	// A page already served by a worker is getting an update; one that is not, its first install.
	const isUpdate = container.controller !== null;

	let registration: ServiceWorkerRegistration;
	try {
		// SvelteKit bundles the worker into one file with no import statements: a classic script.
		registration = await container.register('/service-worker.js', { scope: '/', type: 'classic' });
	} catch (error) {
		// The app still works online; it only loses offline use. Nothing for the user to do.
		console.warn('Service worker registration failed', error);
		return;
	}

	const follow = (worker: ServiceWorker | null) => {
		worker?.addEventListener('statechange', () => {
			// Installed while another worker serves the page: the new version waits for consent.
			if (worker.state === 'installed' && container.controller) pwa.updateFound();
			if (worker.state === 'activated' && !isUpdate) pwa.firstInstallDone();
		});
	};
	if (registration.waiting && container.controller) pwa.updateFound();
	follow(registration.installing);
	registration.addEventListener('updatefound', () => follow(registration.installing));
	container.addEventListener('controllerchange', () => {
		// The first install also takes control (clients.claim): that is no reason to reload.
		if (isUpdate || pwa.reloadRequested) pwa.takeOver();
	});
	pwa.connect(() => registration.waiting?.postMessage({ type: 'SKIP_WAITING' }));

	const checkForUpdate = () => {
		if (navigator.onLine) registration.update().catch(() => undefined);
	};
	setInterval(checkForUpdate, UPDATE_CHECK_MS);
	window.addEventListener('online', checkForUpdate);
}
