import { test as base, type Browser, type BrowserContext, type Page } from '@playwright/test';

export { expect } from '@playwright/test';

/**
 * The demo accounts the e2e server has (`YOL_DEMO=1`), and their passwords. The README lists the
 * same ones. Both caseworkers' scope is the Ganja-Dashkasan region.
 */
export const DEMO_USERS = {
	admin: { username: 'admin', password: 'admin-demo' },
	coordinator: { username: 'coordinator', password: 'coordinator-demo' },
	caseworker: { username: 'caseworker', password: 'caseworker-demo' },
	caseworker2: { username: 'caseworker2', password: 'caseworker2-demo' },
	member: { username: 'member', password: 'member-demo' }
} as const;
export type DemoUser = keyof typeof DEMO_USERS | 'none';

/**
 * Signs a browser context in as a demo user, through the API: the context's request client
 * shares its cookies with the context's pages, so they start with the session cookie. The page
 * then learns who is signed in from the server on its first load.
 */
export async function signInContext(context: BrowserContext, who: DemoUser): Promise<void> {
	if (who === 'none') return;
	// With the Origin a browser sends, which also decides the cookie's Secure flag.
	const origin = new URL(test.info().project.use.baseURL ?? 'http://127.0.0.1').origin;
	const response = await context.request.post('/api/auth/login', {
		data: DEMO_USERS[who],
		headers: { Origin: origin }
	});
	if (!response.ok()) {
		throw new Error(`Signing in as ${who} failed: ${response.status()} ${await response.text()}`);
	}
}

/** A new context (a separate tablet) signed in as `who`. */
export async function newTablet(
	browser: Browser,
	who: DemoUser = 'coordinator',
	options: Parameters<Browser['newContext']>[0] = {}
): Promise<BrowserContext> {
	const context = await browser.newContext(options);
	await signInContext(context, who);
	return context;
}

/**
 * Every test's `page` is signed in as the demo coordinator unless the file or test says
 * `test.use({ demoUser: 'caseworker' })` (or 'none' for the signed-out app).
 */
export const test = base.extend<{ demoUser: DemoUser }>({
	demoUser: ['coordinator', { option: true }],
	context: async ({ context, demoUser }, use) => {
		await signInContext(context, demoUser);
		await use(context);
	}
});

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
