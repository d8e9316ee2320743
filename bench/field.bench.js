// Yol in the field (issue 17): the figures that matter on a low-cost tablet on a mobile link,
// each beside its loopback figure. The field profile (bench/field-profile.js) is Lighthouse's
// mobile one: 150 ms round trip, 1.6 Mbps down, 750 kbps up, CPU 4× slower, applied to the real
// app in headless Chromium (on-disk profiles) through the DevTools protocol.
import { FIELD_PROFILE, LOOPBACK_PROFILE, applyProfile, countWireBytes } from './field-profile.js';
import { timeOpenForm, timeSave } from './entry.bench.js';
import { median, serveBuild } from './serve.js';
import { editOffline, timeReconnect } from './sync-push.bench.js';
import {
	DEMO_CASEWORKER,
	countValues,
	freshChromium,
	millis,
	seconds,
	serverWithValues,
	timeFirstStart
} from './sync-setup.js';

const TOTAL = 100_000;
const PORT = 4210;
const DEMO_PORT = 4211;
const RUNS = 5;
const PUSH_EDITS = 1_000;

/** @typedef {import('./field-profile.js').Profile} Profile */

export async function run() {
	const big = await firstSyncFigures();
	const tablet = await tabletFigures();
	/** @param {number | undefined} ms */
	const s = (ms) => (ms === undefined ? '—' : seconds(ms));
	/** @param {number | undefined} ms */
	const m = (ms) => (ms === undefined ? '—' : millis(ms));
	/** @param {number | undefined} x @param {number} target */
	const verdict = (x, target) =>
		x === undefined ? 'not measured' : x <= target ? 'met' : 'missed';
	const perValue = big.field.wireBytes / big.field.stored;
	const lines = [
		'## In the field: a low-cost tablet on a mobile link',
		'',
		`Field profile: ${FIELD_PROFILE.latencyMs} ms round trip, ${FIELD_PROFILE.downloadBitsPerSecond / 1e6} Mbps down, ${FIELD_PROFILE.uploadBitsPerSecond / 1e3} kbps up, CPU ${FIELD_PROFILE.cpuSlowdown}× slower (DevTools network and CPU emulation on the app's page; the service worker's own fetches are not throttled). Loopback: the same without throttling. Bytes on the wire are what DevTools counts as received for the pull requests (after compression, headers included).`,
		'',
		'| figure | loopback | field profile | target | |',
		'|---|---:|---:|---:|---|',
		`| bytes on the wire per value, first sync of ${TOTAL.toLocaleString('en')} (${big.field.requests} pulls) | ${(big.loopback.wireBytes / big.loopback.stored).toFixed(1)} B | ${perValue.toFixed(1)} B | ≤ 12 B | ${verdict(perValue, 12)} |`,
		`| (info) decoded JSON per value | ${(big.loopback.bodyBytes / big.loopback.stored).toFixed(1)} B | ${(big.field.bodyBytes / big.field.stored).toFixed(1)} B | | |`,
		`| first sync of ${TOTAL.toLocaleString('en')} values (first pull → ready) | ${s(big.loopback.syncMs)} | ${s(big.field.syncMs)} | ≤ 15 s | ${verdict(big.field.syncMs, 15_000)} |`,
		`| new caseworker tablet, demo data, page open → ready | ${s(tablet.loopback.readyMs)} | ${s(tablet.field.readyMs)} | ≤ 8 s | ${verdict(tablet.field.readyMs, 8000)} |`,
		`| app start from the worker's cache → overview with every row (median of ${RUNS}) | ${m(tablet.loopback.startMs)} | ${m(tablet.field.startMs)} | ≤ 2.5 s | ${verdict(tablet.field.startMs, 2500)} |`,
		`| entry form until its grid shows values (median of ${RUNS}) | ${m(tablet.loopback.openMs)} | ${m(tablet.field.openMs)} | ≤ 400 ms | ${verdict(tablet.field.openMs, 400)} |`,
		`| save a value until the cell says so (median of ${RUNS}) | ${m(tablet.loopback.saveMs)} | ${m(tablet.field.saveMs)} | ≤ 50 ms | ${verdict(tablet.field.saveMs, 50)} |`,
		`| push of ${PUSH_EDITS.toLocaleString('en')} offline edits (coordinator's tablet; online → outbox empty, median of 3) | ${s(tablet.loopback.pushMs)} | ${s(tablet.field.pushMs)} | ≤ 5 s | ${verdict(tablet.field.pushMs, 5000)} |`,
		'',
		`Values stored by the first sync: ${big.field.stored.toLocaleString('en')} (field), ${big.loopback.stored.toLocaleString('en')} (loopback). The caseworker's tablet holds ${tablet.field.stored.toLocaleString('en')} demo values of Ganja-Dashkasan.`,
		''
	];
	return { markdown: lines.join('\n') };
}

/** A coordinator's first sync of 100,000 values, once on loopback and once under the profile. */
export async function firstSyncFigures() {
	const server = await serverWithValues(PORT, TOTAL);
	try {
		/** @param {Profile} profile */
		const once = async (profile) => {
			const browser = await freshChromium();
			try {
				/** @type {ReturnType<typeof countWireBytes> | undefined} */
				let wire;
				const start = await timeFirstStart(browser.context, server.url, {
					beforeGoto: async (page) => {
						const cdp = await applyProfile(page, profile, { cpu: false });
						wire = countWireBytes(cdp, '/api/sync/pull');
					}
				});
				const stored = /** @type {number} */ (await start.page.evaluate(countValues));
				const totals = wire ?? { requests: 0, wireBytes: 0, bodyBytes: 0 };
				return { syncMs: start.syncMs, stored, ...totals };
			} finally {
				await browser.close();
			}
		};
		return { loopback: await once(LOOPBACK_PROFILE), field: await once(FIELD_PROFILE) };
	} finally {
		await server.stop();
	}
}

/** A new caseworker tablet on the demo server: first start, app start, entry, save, push. */
export async function tabletFigures() {
	const server = await serveBuild(DEMO_PORT, { env: { YOL_DEMO: '1' } });
	try {
		return {
			loopback: await tabletUnder(server.url, LOOPBACK_PROFILE),
			field: await tabletUnder(server.url, FIELD_PROFILE)
		};
	} finally {
		await server.stop();
	}
}

/**
 * @param {string} url
 * @param {Profile} profile
 */
async function tabletUnder(url, profile) {
	const browser = await freshChromium();
	try {
		const first = await timeFirstStart(browser.context, url, {
			user: DEMO_CASEWORKER,
			beforeGoto: (p) => applyProfile(p, profile)
		});
		const page = first.page;
		const stored = /** @type {number} */ (await page.evaluate(countValues));
		const rows = await page.locator('tbody tr[data-indicator]').count();

		// App start: a reload of "/" served from the worker's cache until every row shows.
		const starts = [];
		for (let i = 0; i < RUNS; i++) {
			const t0 = Date.now();
			await page.goto(`${url}/`);
			await page
				.locator('tbody tr[data-indicator]')
				.nth(rows - 1)
				.waitFor();
			starts.push(Date.now() - t0);
		}

		// The entry form, opened from its area's list as a caseworker does, then saving a value.
		const opens = [];
		for (let i = 0; i < RUNS; i++) {
			await page.goto(`${url}/areas/labour`);
			await page.getByRole('link', { name: /^L1\b/ }).waitFor();
			opens.push(/** @type {number} */ (await page.evaluate(timeOpenForm, 'L1')));
		}
		const cell = page.locator('[data-entry-cell]').first();
		const base = Number((await cell.inputValue()) || '0');
		const saves = [];
		for (let i = 0; i < RUNS; i++) {
			await cell.fill(String(base + 1 + (i % 2)));
			saves.push(/** @type {number} */ (await page.evaluate(timeSave)));
		}
		return {
			stored,
			readyMs: first.readyAt,
			startMs: median(starts),
			openMs: median(opens),
			saveMs: median(saves),
			pushMs: await pushUnder(url, profile)
		};
	} finally {
		await browser.close();
	}
}

/**
 * A push of 1,000 offline edits under `profile`, median of 3: the demo coordinator's tablet (a
 * caseworker's holds fewer than 1,000 values to edit). Offline and back go through the page's
 * own DevTools session, so the profile stays on.
 * @param {string} url
 * @param {Profile} profile
 */
async function pushUnder(url, profile) {
	const browser = await freshChromium();
	try {
		/** @type {import('@playwright/test').CDPSession | undefined} */
		let cdp;
		const { page } = await timeFirstStart(browser.context, url, {
			beforeGoto: async (p) => (cdp = await applyProfile(p, profile))
		});
		if (!cdp) throw new Error('no DevTools session');
		await page.getByTestId('sync-status').and(page.locator('[data-state="idle"]')).waitFor({
			timeout: 120_000
		});
		const pushes = [];
		for (let i = 0; i < 3; i++) {
			await setOffline(cdp, profile, true);
			await page.evaluate(editOffline, { count: PUSH_EDITS, comment: `field bench ${i}` });
			const done = page.evaluate(timeReconnect);
			await page.waitForFunction(() => /** @type {any} */ (window).__yolWaiting === true);
			await setOffline(cdp, profile, false);
			pushes.push(/** @type {{ push: number }} */ (await done).push);
		}
		return median(pushes);
	} finally {
		await browser.close();
	}
}

/**
 * Offline and back through the page's own DevTools session: Playwright's setOffline would
 * replace the profile's network conditions with its own.
 * @param {import('@playwright/test').CDPSession} cdp
 * @param {Profile} profile
 * @param {boolean} offline
 */
async function setOffline(cdp, profile, offline) {
	await cdp.send('Network.emulateNetworkConditions', {
		offline,
		latency: profile.latencyMs,
		downloadThroughput: profile.downloadBitsPerSecond ? profile.downloadBitsPerSecond / 8 : -1,
		uploadThroughput: profile.uploadBitsPerSecond ? profile.uploadBitsPerSecond / 8 : -1
	});
}
