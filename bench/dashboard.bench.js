// The progress dashboard with 100,000 values on the device (issue 6's target, headless
// Chromium, medians): opening the overview of every indicator (36 in the demo catalogue) until
// all its rows show a status, ≤ 300 ms after navigation. IndexedDB on an on-disk profile.
import { chromium } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countValues, topUp } from './entry.bench.js';
import { CHROMIUM_ARGS, chromiumExecutable, median, serveBuild } from './serve.js';

const TOTAL_VALUES = 100_000;
const RUNS = 9;

export async function run() {
	const server = await serveBuild(4394);
	const profile = mkdtempSync(join(tmpdir(), 'yol-bench-profile-'));
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: chromiumExecutable(),
		args: CHROMIUM_ARGS,
		locale: 'en-GB',
		viewport: { width: 1024, height: 768 }
	});
	try {
		const page = await context.newPage();
		// The device's signed-in user: the demo coordinator (the page learns it from the cookie).
		await page.request.post(`${server.url}/api/auth/login`, {
			data: { username: 'coordinator', password: 'coordinator-demo' },
			headers: { origin: server.url }
		});
		await page.goto(`${server.url}/`);
		await page.getByTestId('first-start').and(page.locator('[data-state="ready"]')).waitFor({
			timeout: 120_000
		});
		const stored = await page.evaluate(topUp, TOTAL_VALUES);
		const indicators = await page.locator('tbody tr[data-indicator]').count();

		// A client-side navigation from another page, as a member opens the dashboard.
		const navigate = async (/** @type {string} */ query) => {
			const times = [];
			for (let i = 0; i < RUNS; i++) {
				await page.goto(`${server.url}/measures`);
				await page.getByRole('heading', { level: 1 }).waitFor();
				times.push(await page.evaluate(timeOverview, query));
			}
			return times;
		};
		await navigate(''); // warm-up: the page's code is fetched once, as on any device
		const overview = await navigate('');
		const wholeHistory = await navigate('?from=2010-01');

		// A cold start: a reload of "/" until every row shows (the app shell from the worker).
		const cold = [];
		for (let i = 0; i < 5; i++) {
			const t0 = Date.now();
			await page.goto(`${server.url}/`);
			await page.locator('tbody tr[data-indicator="D9"]').waitFor();
			cold.push(Date.now() - t0);
		}

		const ms = (/** @type {number} */ x) => `${x.toFixed(1)} ms`;
		const all = (/** @type {number[]} */ xs) => xs.map((x) => x.toFixed(0)).join(', ');
		const lines = [
			`## Progress dashboard with ${stored.toLocaleString('en')} values on the device`,
			'',
			`Headless Chromium, on-disk profile; the overview of all ${indicators} indicators (latest value, baseline, target, progress, status), whole country; median of ${RUNS} runs.`,
			'Values older than the range in view are never read: each indicator reads only its newest period in range (and its first when it has no baseline).',
			'',
			'| what | median | target | all runs |',
			'|---|---:|---:|---|',
			`| open the overview (client-side navigation) until every row shows | ${ms(median(overview))} | ≤ 300 ms | ${all(overview)} |`,
			`| the same with the range opened to 2010 (all ${stored.toLocaleString('en')} values in range) | ${ms(median(wholeHistory))} | ≤ 300 ms | ${all(wholeHistory)} |`,
			`| reload "/" until every row shows (app start from the worker's cache) | ${ms(median(cold))} | — | ${all(cold)} |`,
			'',
			`Values on the device after the top-up: ${(await page.evaluate(countValues)).toLocaleString('en')}.`,
			''
		];
		return { markdown: lines.join('\n') };
	} finally {
		await context.close();
		server.stop();
		rmSync(profile, { recursive: true, force: true });
	}
}

/** In the page: clicks the Dashboard link and times until the overview's last row is written. */
function timeOverview(/** @type {string} */ query) {
	return new Promise((resolve) => {
		const link = /** @type {HTMLAnchorElement} */ (document.querySelector('nav a[href="/"]'));
		if (query) link.href = `/${query}`;
		const done = () => document.querySelectorAll('tbody tr[data-indicator]').length >= 30;
		const observer = new MutationObserver(() => {
			if (done()) {
				observer.disconnect();
				resolve(performance.now() - t0);
			}
		});
		observer.observe(document.body, { subtree: true, childList: true });
		const t0 = performance.now();
		link.click();
	});
}
