// Push of 10,000 offline edits from Chromium (issue 4's target: ≤ 1 s). The real app on an
// on-disk profile holds 12,000 values downloaded from the built server (SQLite); offline, 10,000
// of them are edited (record and outbox entry written in one transaction, as saveValue does);
// back online, the app's own 'online' trigger syncs. Measured in the page: from the online event
// to the first pull request, which the engine sends once the outbox is empty. Medians.
import { median } from './serve.js';
import {
	countValues,
	freshChromium,
	millis,
	seconds,
	serverWithValues,
	timeFirstStart
} from './sync-setup.js';

const EDITS = 10_000;
const RUNS = 5;
const PORT = 4208;

export async function run() {
	const server = await serverWithValues(PORT, 12_000);
	const browser = await freshChromium();
	try {
		const { page } = await timeFirstStart(browser.context, server.url);
		const stored = await page.evaluate(countValues);
		await page.getByTestId('sync-status').and(page.locator('[data-state="idle"]')).waitFor();
		/** @type {{ push: number, round: number, pushes: number, serverMs: number }[]} */
		const runs = [];
		for (let i = 0; i < RUNS; i++) {
			await browser.context.setOffline(true);
			await page.evaluate(editOffline, { count: EDITS, comment: `bench run ${i}` });
			const done = page.evaluate(timeReconnect);
			// The page's listener must be in place before the event it waits for.
			await page.waitForFunction(() => /** @type {any} */ (window).__yolWaiting === true);
			await browser.context.setOffline(false);
			runs.push(await done);
		}
		const push = median(runs.map((r) => r.push));
		const lines = [
			`## Push of ${EDITS.toLocaleString('en')} offline edits from Chromium`,
			'',
			`The app in headless Chromium (on-disk profile, ${stored.toLocaleString('en')} values on the device) against the built server on SQLite. Offline, ${EDITS.toLocaleString('en')} values get a new comment (record + outbox entry per edit, one transaction); back online, the app syncs by itself. "Push" runs from the online event until the outbox is empty (the engine's first pull request); "round" until the status says synced again, including pulling the ${EDITS.toLocaleString('en')} new revisions back. Median of ${RUNS}.`,
			'',
			'| what | median | target | all runs |',
			'|---|---:|---:|---|',
			`| **push of ${EDITS.toLocaleString('en')} edits** | **${seconds(push)}** | ≤ 1 s | ${runs.map((r) => (r.push / 1000).toFixed(2)).join(', ')} |`,
			`| of which the server's answers (sum over ${runs[0]?.pushes ?? 0} push requests, request sent → answer read) | ${millis(median(runs.map((r) => r.serverMs)))} | | ${runs.map((r) => r.serverMs.toFixed(0)).join(', ')} |`,
			`| whole round (push, then pull back) | ${seconds(median(runs.map((r) => r.round)))} | | ${runs.map((r) => (r.round / 1000).toFixed(2)).join(', ')} |`,
			'',
			`Target ${push <= 1000 ? 'met' : 'missed'}.`,
			''
		];
		return { markdown: lines.join('\n') };
	} finally {
		await browser.close();
		await server.stop();
	}
}

/**
 * In the page, offline: edits `count` stored values as the entry form would (the record marked
 * local and an outbox entry, in one IndexedDB transaction per 1,000 edits).
 * @param {{ count: number, comment: string }} options
 */
export async function editOffline({ count, comment }) {
	/** @type {IDBDatabase} */
	const db = await new Promise((resolve, reject) => {
		const req = indexedDB.open(
			// The signed-in user's own database (see src/lib/db/database.ts).
			`yol-u-${JSON.parse(localStorage.getItem('yol.actor') ?? '{}').userId}`
		);
		req.onsuccess = () => resolve(req.result);
		req.onerror = () => reject(req.error);
	});
	// The values the server sent are packed by indicator and period (src/lib/db/value-packs.ts);
	// an edit moves its value out of the pack into `values`, as saveValue does.
	// Values this device edited in an earlier run stay in `values` once synced.
	const read = db.transaction(['values', 'valuePacks']);
	/** @param {string} store @returns {Promise<any[]>} */
	const getAll = (store) =>
		new Promise((resolve, reject) => {
			const req = read.objectStore(store).getAll();
			req.onsuccess = () => resolve(req.result);
			req.onerror = () => reject(req.error);
		});
	const [own, packs] = await Promise.all([getAll('values'), getAll('valuePacks')]);
	/** @type {{ pack: any, value: any }[]} */
	const values = own
		.filter((value) => value.syncState === 'synced')
		.slice(0, count)
		.map((value) => ({ pack: null, value }));
	for (const pack of packs) {
		for (const value of Object.values(pack.values)) {
			if (values.length < count) values.push({ pack, value });
		}
	}
	if (values.length < count) throw new Error(`only ${values.length} values on the device`);
	const now = new Date().toISOString();
	for (let start = 0; start < count; start += 1000) {
		const tx = db.transaction(['values', 'valuePacks', 'outbox'], 'readwrite');
		const touched = new Set();
		for (const { pack, value: old } of values.slice(start, start + 1000)) {
			const record = { ...old, comment, updatedAt: now, updatedBy: 'bench' };
			delete record.syncState;
			if (pack) {
				delete pack.values[old.id];
				touched.add(pack);
			}
			tx.objectStore('values').put({ ...record, syncState: 'local' });
			tx.objectStore('outbox').add({
				mutationId: crypto.randomUUID(),
				entity: 'value',
				entityId: record.id,
				op: 'put',
				baseRev: record.rev,
				changed: ['comment'],
				data: record,
				createdAt: now
			});
		}
		for (const pack of touched) {
			if (Object.keys(pack.values).length > 0) tx.objectStore('valuePacks').put(pack);
			else tx.objectStore('valuePacks').delete([pack.indicatorId, pack.period]);
		}
		await new Promise((resolve, reject) => {
			tx.oncomplete = resolve;
			tx.onerror = () => reject(tx.error);
		});
	}
	db.close();
}

/** In the page: waits for the online event, then times the push and the whole round. */
export function timeReconnect() {
	return new Promise((resolve) => {
		const status = /** @type {HTMLElement} */ (
			document.querySelector('[data-testid="sync-status"]')
		);
		let t0 = 0;
		let left = false;
		const observer = new MutationObserver(() => {
			const state = status.getAttribute('data-state');
			if (state !== 'idle') left = true;
			if (!left || state !== 'idle') return;
			const end = performance.now();
			/** @type {any} */ (window).__yolWaiting = false;
			observer.disconnect();
			const entries = performance
				.getEntriesByType('resource')
				.filter((e) => e.startTime >= t0 && e.name.includes('/api/sync/'));
			const pushes = /** @type {PerformanceResourceTiming[]} */ (
				entries.filter((e) => e.name.includes('/push'))
			);
			const firstPull = entries.find((e) => e.name.includes('/pull'));
			resolve({
				push: (firstPull?.startTime ?? end) - t0,
				round: end - t0,
				pushes: pushes.length,
				serverMs: pushes.reduce((s, e) => s + (e.responseEnd - e.requestStart), 0)
			});
		});
		observer.observe(status, { attributes: true, attributeFilter: ['data-state'] });
		window.addEventListener('online', () => (t0 = performance.now()), { once: true });
		performance.clearResourceTimings();
		performance.setResourceTimingBufferSize(10_000);
		/** @type {any} */ (window).__yolWaiting = true;
	});
}
