import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';
import type { Page } from '@playwright/test';
import { createServer, request as forward, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

// Messages as an English-speaking user sees them (locales/en/pwa.json).
const UPDATE_AVAILABLE = 'A new version of Yol is available.';
const FINISH_ENTRY_FIRST = 'Save or finish your entry first; the app will update after that.';
const OFFLINE_READY = 'Yol is ready to work offline.';

test.use({ locale: 'en-US' });

/** Opens a page and waits until the service worker has installed, activated and controls it. */
async function visitUntilControlled(page: Page, path = '/'): Promise<void> {
	await page.goto(path);
	await page.waitForFunction(async () => {
		await navigator.serviceWorker.ready;
		return navigator.serviceWorker.controller !== null;
	});
}

/** The app shell drew its frame and routed to the page: header, main navigation, a heading. */
async function expectAppRendered(page: Page, path: string): Promise<void> {
	await expect(page.getByRole('banner')).toContainText('Yol');
	const nav = page.getByRole('navigation', { name: 'Main navigation' });
	await expect(nav).toBeVisible();
	await expect(nav.locator(`a[href="${path}"]`)).toHaveAttribute('aria-current', 'page');
	await expect(page.getByRole('main').getByRole('heading', { level: 1 })).toBeVisible();
}

function pngSize(bytes: Buffer): { width: number; height: number } {
	expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
	return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test('the manifest is served with its fields, and its icons load at their sizes', async ({
	page,
	request
}) => {
	await page.goto('/');
	await expect(page.locator('link[rel="manifest"]')).toHaveAttribute(
		'href',
		'/manifest.webmanifest'
	);

	const response = await request.get('/manifest.webmanifest');
	expect(response.status()).toBe(200);
	expect(response.headers()['content-type']).toContain('application/manifest+json');
	const manifest = await response.json();
	expect(manifest).toMatchObject({
		id: '/',
		short_name: 'Yol',
		start_url: '/',
		scope: '/',
		display: 'standalone',
		lang: 'az',
		theme_color: '#0b5563',
		background_color: '#f4f6f7'
	});
	expect(manifest.name).toContain('Yol');

	const icons: { src: string; sizes: string; type: string; purpose: string }[] = manifest.icons;
	expect(icons.map((icon) => `${icon.sizes} ${icon.purpose}`).sort()).toEqual([
		'192x192 any',
		'512x512 any',
		'512x512 maskable'
	]);
	for (const icon of [...icons, { src: '/icons/apple-touch-icon.png', sizes: '180x180' }]) {
		const image = await request.get(icon.src);
		expect(image.status(), icon.src).toBe(200);
		expect(image.headers()['content-type'], icon.src).toBe('image/png');
		const { width, height } = pngSize(await image.body());
		expect(`${width}x${height}`, icon.src).toBe(icon.sizes);
	}
	const favicon = await request.get('/icons/favicon.svg');
	expect(favicon.status()).toBe(200);
	expect(favicon.headers()['content-type']).toContain('image/svg+xml');
});

test('Chromium finds the app installable', async ({ page, context }) => {
	await visitUntilControlled(page);
	const cdp = await context.newCDPSession(page);
	const { errors } = await cdp.send('Page.getAppManifest');
	expect(errors).toEqual([]);
	const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
	// Playwright's contexts are incognito, where Chromium never installs apps: the one
	// complaint that says nothing about the app.
	const real = installabilityErrors.filter((error) => error.errorId !== 'in-incognito');
	expect(real).toEqual([]);
});

test('the service worker takes control on the first visit and says the app works offline', async ({
	page
}) => {
	await visitUntilControlled(page);
	const scriptURL = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL);
	expect(new URL(scriptURL!).pathname).toBe('/service-worker.js');
	await expect(page.getByRole('status').filter({ hasText: OFFLINE_READY })).toBeVisible();

	// Only once: the next start says nothing.
	await page.reload();
	await expectAppRendered(page, '/');
	await expect(page.getByText(OFFLINE_READY)).toHaveCount(0);
});

test('after one online visit, every route opens offline, also one never visited', async ({
	page,
	context
}) => {
	await visitUntilControlled(page);
	await context.setOffline(true);

	await page.reload();
	await expectAppRendered(page, '/');
	await expect(page.getByTestId('connection-status')).toHaveText('Offline');

	for (const path of ['/measures', '/areas/dialogue']) {
		await page.goto(path);
		await expectAppRendered(page, path);
	}
});

test('API requests are not answered from the cache when offline', async ({ page, context }) => {
	await visitUntilControlled(page);
	const call = (method: string) =>
		page.evaluate(async (method) => {
			try {
				const response = await fetch('/api/health', { method });
				return `status ${response.status}`;
			} catch {
				return 'network error';
			}
		}, method);

	// Online, the server answers (whatever it says); offline nothing stands in for it.
	expect(await call('GET')).toMatch(/^status \d+$/);
	await context.setOffline(true);
	expect(await call('GET')).toBe('network error');
	expect(await call('POST')).toBe('network error');
});

/**
 * A proxy in front of the app that plays two real-world situations on demand (Playwright's own
 * routing does not see the browser's update checks of a worker script, hence a proxy):
 * - `deploy()`: the worker script gets one more line. Byte-different, it is a new version to the
 *   browser, which installs it beside the running one and leaves it waiting, as after a release.
 * - `stallPages()`: page loads hang, as on one bar of signal.
 */
class FieldProxy {
	#server: Server | undefined;
	#deployed = false;
	#stallPages = false;
	#stalled = new Set<ReturnType<typeof setTimeout>>();
	origin = '';

	async start(upstream: string): Promise<void> {
		const target = new URL(upstream);
		this.#server = createServer((req, res) => {
			const isWorker = (req.url ?? '').startsWith('/service-worker.js');
			const headers = { ...req.headers, host: target.host };
			if (isWorker) {
				// A full, uncompressed body every time, so the script can be edited on the way.
				delete headers['accept-encoding'];
				delete headers['if-none-match'];
				delete headers['if-modified-since'];
			}
			const upstreamRequest = forward(
				{ host: target.hostname, port: target.port, path: req.url, method: req.method, headers },
				(upstreamResponse) => {
					if (!isWorker || !this.#deployed) {
						res.writeHead(upstreamResponse.statusCode ?? 502, upstreamResponse.headers);
						upstreamResponse.pipe(res);
						return;
					}
					const chunks: Buffer[] = [];
					upstreamResponse.on('data', (chunk: Buffer) => chunks.push(chunk));
					upstreamResponse.on('end', () => {
						const body = `${Buffer.concat(chunks).toString('utf8')}\n// next build\n`;
						const { 'content-length': _length, etag: _etag, ...rest } = upstreamResponse.headers;
						res.writeHead(upstreamResponse.statusCode ?? 502, rest);
						res.end(body);
					});
				}
			);
			upstreamRequest.on('error', () => res.destroy());
			if (this.#stallPages && req.headers['sec-fetch-mode'] === 'navigate') {
				const timer = setTimeout(() => req.pipe(upstreamRequest), 20_000);
				this.#stalled.add(timer);
			} else {
				req.pipe(upstreamRequest);
			}
		});
		await new Promise<void>((resolve) => this.#server!.listen(0, '127.0.0.1', resolve));
		this.origin = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
	}

	/** Publishes the next version and makes the page look for it, as its hourly check would. */
	async deploy(page: Page): Promise<void> {
		this.#deployed = true;
		await page.evaluate(async () => {
			const registration = await navigator.serviceWorker.getRegistration();
			await registration?.update();
		});
	}

	stallPages(): void {
		this.#stallPages = true;
	}

	reset(): void {
		this.#deployed = false;
		this.#stallPages = false;
	}

	async stop(): Promise<void> {
		this.#stalled.forEach(clearTimeout);
		this.#server?.closeAllConnections();
		await new Promise((resolve) => this.#server?.close(resolve));
	}
}

test.describe('on a real network', () => {
	const proxy = new FieldProxy();

	test.beforeAll(async () => {
		await proxy.start(String(test.info().project.use.baseURL));
	});
	test.beforeEach(() => proxy.reset());
	test.afterAll(async () => {
		await proxy.stop();
	});

	test('a new version asks before reloading, and never reloads over unsaved input', async ({
		page
	}) => {
		await visitUntilControlled(page, `${proxy.origin}/`);
		// A mark that only lasts as long as this very page does.
		await page.evaluate(() => Object.assign(window, { notReloaded: true }));

		await proxy.deploy(page);
		const prompt = page.getByTestId('pwa-prompt');
		await expect(prompt.getByRole('status')).toHaveText(UPDATE_AVAILABLE);
		const reload = prompt.getByRole('button', { name: 'Reload' });
		const later = prompt.getByRole('button', { name: 'Later' });
		for (const button of [reload, later]) {
			const box = (await button.boundingBox())!;
			expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(44);
		}
		const axe = await new AxeBuilder({ page }).include('[data-testid="pwa-prompt"]').analyze();
		expect(axe.violations).toEqual([]);

		// A half-typed entry, in a field like any future form's.
		await page.evaluate(() => {
			const input = document.createElement('input');
			input.setAttribute('aria-label', 'Value');
			document.querySelector('main')!.append(input);
		});
		const field = page.getByRole('textbox', { name: 'Value' });
		await field.click();
		await field.pressSequentially('125');
		await reload.click();
		await expect(prompt.getByRole('status')).toHaveText(FINISH_ENTRY_FIRST);
		await page.waitForTimeout(2000);
		expect(await page.evaluate(() => 'notReloaded' in window)).toBe(true);
		await expect(field).toHaveValue('125');

		// Committing the entry (Enter fires `change`) lets the update go ahead by itself.
		await field.press('Enter');
		await page.waitForFunction(() => !('notReloaded' in window), undefined, { timeout: 10_000 });
		await expectAppRendered(page, '/');
		await expect(page.getByText(UPDATE_AVAILABLE)).toHaveCount(0);
		const waiting = await page.evaluate(async () => {
			const registration = await navigator.serviceWorker.getRegistration();
			return registration?.waiting ?? null;
		});
		expect(waiting).toBeNull();
	});

	test('"Later" keeps the current version and the page as it is', async ({ page }) => {
		await visitUntilControlled(page, `${proxy.origin}/`);
		await page.evaluate(() => Object.assign(window, { notReloaded: true }));
		await proxy.deploy(page);

		const prompt = page.getByTestId('pwa-prompt');
		await expect(prompt.getByRole('status')).toHaveText(UPDATE_AVAILABLE);
		await prompt.getByRole('button', { name: 'Later' }).click();
		await expect(prompt.getByRole('status')).toHaveText('');
		await expect(prompt.getByRole('button')).toHaveCount(0);
		await page.waitForTimeout(1500);
		expect(await page.evaluate(() => 'notReloaded' in window)).toBe(true);
		const stillWaiting = await page.evaluate(async () => {
			const registration = await navigator.serviceWorker.getRegistration();
			return Boolean(registration?.waiting);
		});
		expect(stillWaiting).toBe(true);
	});

	test('a page load that hangs shows the app from the cache within seconds', async ({ page }) => {
		await visitUntilControlled(page, `${proxy.origin}/`);
		proxy.stallPages();
		const started = Date.now();
		await page.goto(`${proxy.origin}/measures`);
		await expectAppRendered(page, '/measures');
		// The worker waits 3 s for the network; the rest is the margin of a loaded test machine.
		expect(Date.now() - started).toBeLessThan(8000);
	});
});
