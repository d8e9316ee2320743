// The app shell's initial JS and CSS, gzip, per chunk: what a tablet downloads before the first
// screen. Measured in a real Chromium loading "/" from the production build, so only what is
// actually fetched counts (chart.js, loaded lazily by the dashboards, must not appear).
import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { CHROMIUM_ARGS, chromiumExecutable, serveBuild } from './serve.js';

const BUDGET_JS = 120 * 1024;

export async function run() {
	const server = await serveBuild(4391);
	try {
		const browser = await chromium.launch({
			executablePath: chromiumExecutable(),
			args: CHROMIUM_ARGS
		});
		const page = await browser.newPage();
		/** @type {Set<string>} */
		let fetched = new Set();
		page.on('request', (req) => {
			const path = new URL(req.url()).pathname;
			if (/\.(js|css)$/.test(path) && !path.endsWith('service-worker.js')) fetched.add(path);
		});
		// Signed in as the demo coordinator, as a tablet in use is.
		await page.request.post(`${server.url}/api/auth/login`, {
			data: { username: 'coordinator', password: 'coordinator-demo' }
		});
		// The first visit also fetches the one-time catalogue for the device's first start.
		await page.goto(`${server.url}/`, { waitUntil: 'networkidle' });
		await page.getByRole('link', { name: 'Dashboard' }).waitFor();
		await page.waitForFunction(
			() =>
				new Promise((resolve) => {
					const req = indexedDB.open(
						`yol-u-${JSON.parse(localStorage.getItem('yol.actor') ?? '{}').userId}`
					);
					req.onerror = () => resolve(false);
					req.onsuccess = () => {
						const get = req.result
							.transaction('meta')
							.objectStore('meta')
							.get('seeded_catalogue_at');
						get.onsuccess = () => resolve(get.result !== undefined);
						get.onerror = () => resolve(false);
					};
				}),
			undefined,
			{ timeout: 60_000, polling: 250 }
		);
		const firstVisit = [...fetched];
		// Every later start: what the app shell itself needs (served from the worker's cache).
		fetched = new Set();
		await page.reload({ waitUntil: 'networkidle' });
		await browser.close();

		const rows = [...fetched].sort().map((path) => {
			const body = readFileSync(join('build/client', path));
			return { path, raw: body.length, gzip: gzipSync(body, { level: 9 }).length };
		});
		const total = (/** @type {string} */ ext) =>
			rows.filter((r) => r.path.endsWith(ext)).reduce((sum, r) => sum + r.gzip, 0);
		const js = total('.js');
		const css = total('.css');
		const chart = rows.some((r) => /chart/i.test(r.path));
		const firstVisitJs = firstVisit
			.filter((path) => path.endsWith('.js'))
			.reduce((sum, path) => sum + gzipSync(readFileSync(join('build/client', path))).length, 0);
		const kb = (/** @type {number} */ n) => `${(n / 1024).toFixed(1)} KB`;
		const lines = [
			'## App shell: initial JS and CSS (gzip -9), opening "/"',
			'',
			'Every JS and CSS file the page requests until the network is idle, on a start after the',
			"device's first (the first start also fetches the catalogue it stores once, counted apart).",
			"Messages: the current language's, for the shell and this route only (other languages and",
			"routes load on demand, from the service worker's cache when offline).",
			'',
			`JS ${kb(js)} of a ${kb(BUDGET_JS)} budget (${js <= BUDGET_JS ? 'within' : 'OVER'}); CSS ${kb(css)}; ${rows.length} files; chart.js ${chart ? 'LOADED (should be lazy)' : 'not loaded'}. First start of a device, all JS: ${kb(firstVisitJs)}.`,
			'',
			'| file | raw | gzip |',
			'|---|---:|---:|',
			...rows.map((r) => `| ${r.path} | ${kb(r.raw)} | ${kb(r.gzip)} |`),
			''
		];
		return { markdown: lines.join('\n') };
	} finally {
		server.stop();
	}
}
