import type { Page } from '@playwright/test';

/** Resolves once a service worker controls the page, i.e. the app shell is cached. */
export async function waitForOfflineReady(page: Page): Promise<void> {
	await page.evaluate(async () => {
		const registration = await navigator.serviceWorker.ready;
		if (!navigator.serviceWorker.controller) {
			await new Promise<void>((resolve) => {
				navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), {
					once: true
				});
				// The first visit is not controlled until the worker claims it.
				registration.active?.postMessage({ type: 'CLAIM' });
			});
		}
	});
}
