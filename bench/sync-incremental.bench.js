// Incremental sync of 100 changes (issue 4's target: ≤ 100 ms, and within ±30 % between a server
// holding 10,000 values and one holding 1,000,000: the cost follows the changes, not the size).
// A device (the real app in headless Chromium, on-disk profile) holds the demo data and is up to
// date; another device pushes 100 edits of values it holds; the device's "Sync now" round is
// timed in the page from the click until the status says synced. On the larger server the
// synthetic values lie outside what the device holds: its cursor is moved to the server's head,
// as a device whose scope leaves them out would be. Medians.
import Database from 'better-sqlite3';
import { median } from './serve.js';
import {
	freshChromium,
	millis,
	serverWithValues,
	signIn,
	signInContext,
	timeFirstStart,
	VERSIONS
} from './sync-setup.js';

const CHANGES = 100;
const RUNS = 9;
const PORT = 4209;
const SIZES = [10_000, 1_000_000];

export async function run() {
	/** @type {{ size: number, rounds: number[], pulled: number }[]} */
	const results = [];
	for (const size of SIZES) results.push(await measure(size));
	const [small, large] = results.map((r) => median(r.rounds));
	const spread = large / small - 1;
	const lines = [
		`## Incremental sync of ${CHANGES} changes`,
		'',
		`The app in headless Chromium (on-disk profile, holding the demo data, up to date) against the built server on SQLite. Another device pushes ${CHANGES} edits of values the device holds; then "Sync now", timed from the click until the status says synced (push of an empty outbox, the pull, storing the changes). Median of ${RUNS}.`,
		'',
		'| server holds | median | target | all runs (ms) |',
		'|---|---:|---:|---|',
		...results.map(
			(r) =>
				`| ${r.size.toLocaleString('en')} values | **${millis(median(r.rounds))}** | ≤ 100 ms | ${r.rounds.map((x) => x.toFixed(0)).join(', ')} |`
		),
		'',
		`1,000,000 vs 10,000: ${spread >= 0 ? '+' : ''}${(spread * 100).toFixed(0)} % (target within ±30 %: ${Math.abs(spread) <= 0.3 ? 'met' : 'missed'}); ≤ 100 ms: ${Math.max(small, large) <= 100 ? 'met' : 'missed'}.`,
		''
	];
	return { markdown: lines.join('\n') };
}

/** @param {number} size */
async function measure(size) {
	// The device downloads the demo data from a server holding only that...
	const demo = await serverWithValues(PORT, 0);
	const browser = await freshChromium();
	try {
		const { page } = await timeFirstStart(browser.context, demo.url);
		await page.getByTestId('sync-status').and(page.locator('[data-state="idle"]')).waitFor();
		await demo.stop();
		// ...then the same origin serves a database with the same demo records at the same
		// revisions, plus synthetic values up to `size` after them.
		const server = await serverWithValues(PORT, size);
		try {
			// A new server knows no session: the device's user signs in on it again (same account,
			// same user id, so the page opens the same local database).
			await signInContext(browser.context, server.url);
			await page.evaluate(setCursor, server.head);
			await page.reload();
			const status = page.getByTestId('sync-status');
			await status.and(page.locator('[data-state="idle"]')).waitFor({ timeout: 60_000 });
			const sqlite = new Database(server.file, { readonly: true });
			const pick = sqlite.prepare(
				`SELECT id, rev, data FROM records WHERE entity = 'value' AND updated_by_device <> 'bench'
				ORDER BY id LIMIT ${CHANGES}`
			);
			/** @type {number[]} */
			const rounds = [];
			let pulled = 0;
			for (let i = 0; i < RUNS + 1; i++) {
				await pushEdits(server.url, /** @type {any[]} */ (pick.all()), i);
				const timing = await page.evaluate(timeSyncNow);
				pulled = timing.pulled;
				if (i > 0) rounds.push(timing.ms); // the first round warms the page up
			}
			sqlite.close();
			return { size, rounds, pulled };
		} finally {
			await server.stop();
		}
	} finally {
		await browser.close();
	}
}

let otherSeq = 0;
/**
 * Another device edits the values' comments through the server's push endpoint.
 * @param {string} url @param {{ id: string, rev: number, data: string }[]} rows @param {number} run
 */
async function pushEdits(url, rows, run) {
	const mutations = rows.map((row) => {
		const data = { ...JSON.parse(row.data), comment: `edited elsewhere ${run}` };
		otherSeq += 1;
		return {
			seq: otherSeq,
			mutationId: crypto.randomUUID(),
			entity: 'value',
			entityId: row.id,
			op: 'put',
			baseRev: row.rev,
			changed: ['comment'],
			data
		};
	});
	const response = await fetch(`${url}/api/sync/push`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', cookie: await signIn(url) },
		body: JSON.stringify({ ...VERSIONS, deviceId: 'bench-other-device', mutations })
	});
	const body = await response.json();
	const applied = body.results?.filter((/** @type {any} */ r) => r.outcome === 'applied').length;
	if (applied !== rows.length) throw new Error(`push: ${JSON.stringify(body).slice(0, 300)}`);
}

/** In the page: the device's pull cursor moved to `head`. */
function setCursor(/** @type {number} */ head) {
	return new Promise((resolve, reject) => {
		const req = indexedDB.open(
			// The signed-in user's own database (see src/lib/db/database.ts).
			`yol-u-${JSON.parse(localStorage.getItem('yol.actor') ?? '{}').userId}`
		);
		req.onerror = () => reject(req.error);
		req.onsuccess = () => {
			const tx = req.result.transaction('meta', 'readwrite');
			tx.objectStore('meta').put({ key: 'pull_cursor', value: head });
			tx.oncomplete = () => {
				req.result.close();
				resolve(undefined);
			};
			tx.onerror = () => reject(tx.error);
		};
	});
}

/** In the page: clicks "Sync now" and times until the status is back to synced. */
function timeSyncNow() {
	return new Promise((resolve) => {
		const status = /** @type {HTMLElement} */ (
			document.querySelector('[data-testid="sync-status"]')
		);
		const button = /** @type {HTMLButtonElement} */ (status.querySelector('button'));
		let left = false;
		const observer = new MutationObserver(() => {
			const state = status.getAttribute('data-state');
			if (state !== 'idle') left = true;
			if (!left || state !== 'idle') return;
			const ms = performance.now() - t0;
			observer.disconnect();
			const pulls = /** @type {PerformanceResourceTiming[]} */ (
				performance
					.getEntriesByType('resource')
					.filter((e) => e.startTime >= t0 && e.name.includes('/api/sync/pull'))
			);
			resolve({ ms, pulled: pulls.length });
		});
		observer.observe(status, { attributes: true, attributeFilter: ['data-state'] });
		performance.clearResourceTimings();
		const t0 = performance.now();
		button.click();
	});
}
