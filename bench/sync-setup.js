// Shared by the sync benchmarks: a built server on a temp SQLite file holding N values, synthetic
// values that pass the server's own checks, and a fresh Chromium on an on-disk profile.
import { chromium } from '@playwright/test';
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS, chromiumExecutable, serveBuild } from './serve.js';

/** The demo coordinator every sync bench signs in as (the servers run in demo mode). */
export const DEMO_COORDINATOR = { username: 'coordinator', password: 'coordinator-demo' };
/** The demo caseworker (Ganja-Dashkasan and its districts), for a field tablet's figures. */
export const DEMO_CASEWORKER = { username: 'caseworker', password: 'caseworker-demo' };

/**
 * The protocol and schema versions the built app speaks, read from the one place that defines
 * them (a bench is plain JavaScript and cannot import the TypeScript module).
 */
export const VERSIONS = (() => {
	const source = readFileSync('src/lib/domain/sync/protocol.ts', 'utf8');
	const read = (/** @type {string} */ name) => {
		const found = new RegExp(`export const ${name} = (\\d+);`).exec(source);
		if (!found) throw new Error(`${name} not found in protocol.ts`);
		return Number(found[1]);
	};
	return { protocol: read('PROTOCOL_VERSION'), schema: read('CLIENT_SCHEMA_VERSION') };
})();

/**
 * Signs the demo coordinator in over HTTP; returns the session cookie for requests made outside
 * a browser.
 * @param {string} url
 */
export async function signIn(url) {
	const response = await fetch(`${url}/api/auth/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: url },
		body: JSON.stringify(DEMO_COORDINATOR)
	});
	const cookie = response.headers.get('set-cookie')?.split(';')[0];
	if (!response.ok || !cookie) throw new Error(`bench sign-in failed: ${response.status}`);
	return cookie;
}

/**
 * Signs the browser's device in as the demo coordinator (the page learns its user from the
 * cookie), as its user would on the sign-in screen.
 * @param {import('@playwright/test').BrowserContext} context
 * @param {string} url
 * @param {{ username: string, password: string }} [user]
 */
export async function signInContext(context, url, user = DEMO_COORDINATOR) {
	const response = await context.request.post(`${url}/api/auth/login`, {
		data: user,
		headers: { origin: url }
	});
	if (!response.ok()) throw new Error(`bench sign-in failed: ${response.status()}`);
}

/** @typedef {{ id: string, unit: string, periodicity: string, formula?: unknown, disaggregations: unknown[] }} Indicator */

/**
 * The catalogue a bench needs from a seeded server database: indicators entered as one total
 * (no formula, no breakdown) and the districts.
 * @param {import('better-sqlite3').Database} sqlite
 */
function readCatalogue(sqlite) {
	/** @param {string} entity */
	const all = (entity) =>
		sqlite
			.prepare('SELECT data FROM records WHERE entity = ? AND deleted = 0')
			.all(entity)
			.map((/** @type {any} */ r) => JSON.parse(r.data));
	const indicators = /** @type {Indicator[]} */ (all('indicator')).filter(
		(i) => !i.formula && i.disaggregations.length === 0
	);
	const places = all('location').filter((l) => l.level === 'district');
	return { indicators, places };
}

/**
 * Value number `n` of a synthetic history (years before the demo data's), valid for its
 * indicator's periodicity and unit, with a fixed id so every run builds the same records.
 * @param {{ indicators: Indicator[], places: { id: string }[] }} catalogue
 * @param {number} n
 */
export function syntheticValue(catalogue, n) {
	const { indicators, places } = catalogue;
	const ind = indicators[n % indicators.length];
	const place = places[Math.floor(n / indicators.length) % places.length];
	const step = Math.floor(n / (indicators.length * places.length));
	let period;
	if (ind.periodicity === 'monthly') {
		period = `${2023 - Math.floor(step / 12)}-${String((step % 12) + 1).padStart(2, '0')}`;
	} else if (ind.periodicity === 'quarterly') {
		period = `${2023 - Math.floor(step / 4)}Q${(step % 4) + 1}`;
	} else {
		period = String(2023 - step).padStart(4, '0');
	}
	return {
		id: `bench-${n}`,
		indicatorId: ind.id,
		locationId: place.id,
		period,
		cell: 'total',
		value: ind.unit === 'yes_no' ? n % 2 : n % 97,
		comment: '',
		updatedAt: '2026-01-01T00:00:00.000Z',
		updatedBy: 'bench',
		rev: 0,
		deleted: false
	};
}

/**
 * A built server on its own SQLite file holding `total` values: the demo data (catalogue and
 * 8,800 values) topped up with synthetic values written straight into the file, as sync records
 * with the next revisions, between two starts of the server.
 * @param {number} port
 * @param {number} total
 */
export async function serverWithValues(port, total) {
	const first = await serveBuild(port, { env: { YOL_DEMO: '1' } });
	await first.stop();
	const file = join(first.dataDir, 'yol.sqlite');
	const sqlite = new Database(file);
	const catalogue = readCatalogue(sqlite);
	const have = /** @type {{ n: number }} */ (
		sqlite.prepare("SELECT count(*) AS n FROM records WHERE entity = 'value'").get()
	).n;
	const insert = sqlite.prepare(
		`INSERT INTO records (entity, id, rev, deleted, data, field_revs, location_id, updated_at, updated_by_device)
		VALUES ('value', ?, ?, 0, ?, '{}', ?, '2026-01-01T00:00:00.000Z', 'bench')`
	);
	const head = /** @type {{ rev: number }} */ (
		sqlite.prepare('SELECT rev FROM sync_revision').get()
	).rev;
	let rev = head;
	const fill = sqlite.transaction(() => {
		for (let n = 0; n < total - have; n++) {
			rev += 1;
			const value = { ...syntheticValue(catalogue, n), rev };
			insert.run(value.id, rev, JSON.stringify(value), value.locationId);
		}
		sqlite.prepare('UPDATE sync_revision SET rev = ?').run(rev);
	});
	fill();
	sqlite.close();
	const server = await serveBuild(port, { dataDir: first.dataDir });
	return {
		...server,
		file,
		catalogue,
		head: rev,
		async stop() {
			await server.stop();
			rmSync(first.dataDir, { recursive: true, force: true });
		}
	};
}

/** A fresh Chromium on its own on-disk profile (IndexedDB on disk, as on a tablet). */
export async function freshChromium() {
	const profile = mkdtempSync(join(tmpdir(), 'yol-bench-profile-'));
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: chromiumExecutable(),
		args: CHROMIUM_ARGS,
		locale: 'en-GB',
		viewport: { width: 1024, height: 768 }
	});
	return {
		context,
		async close() {
			await context.close();
			rmSync(profile, { recursive: true, force: true });
		}
	};
}

/**
 * Opens the app on a new device and waits for its first start (the download of everything).
 * Returns, in the page's own clock: when the first pull request started, when the first-start
 * panel said "ready" (seen by a MutationObserver installed before the app's scripts), and how
 * many pull requests it took.
 * @param {import('@playwright/test').BrowserContext} context
 * @param {string} url
 * @param {{ user?: { username: string, password: string },
 *   beforeGoto?: (page: import('@playwright/test').Page) => Promise<unknown> }} [options]
 *   who signs in (the demo coordinator by default), and what to do to the page before it opens
 *   the app (e.g. put it under the field profile)
 */
export async function timeFirstStart(context, url, options = {}) {
	await context.addInitScript(() => {
		const w = /** @type {any} */ (window);
		new MutationObserver(() => {
			if (w.__yolReadyAt !== undefined) return;
			if (document.querySelector('[data-testid="first-start"][data-state="ready"]')) {
				w.__yolReadyAt = performance.now();
			}
		}).observe(document, { subtree: true, childList: true, attributes: true });
	});
	await signInContext(context, url, options.user);
	const page = await context.newPage();
	await options.beforeGoto?.(page);
	await page.goto(url);
	await page
		.getByTestId('first-start')
		.and(page.locator('[data-state="ready"]'))
		.waitFor({ timeout: 900_000 });
	const timing = await page.evaluate(() => {
		const pulls = performance
			.getEntriesByType('resource')
			.filter((e) => e.name.includes('/api/sync/pull'));
		return {
			pulls: pulls.length,
			firstPullStart: pulls[0]?.startTime ?? 0,
			readyAt: /** @type {number} */ (/** @type {any} */ (window).__yolReadyAt)
		};
	});
	return { page, ...timing, syncMs: timing.readyAt - timing.firstPullStart };
}

/**
 * In the page: how many values the signed-in user's database holds, in both of its homes (the
 * device's own `values` and the server's `valuePacks`, src/lib/db/value-packs.ts), each once.
 */
export function countValues() {
	return new Promise((resolve, reject) => {
		const req = indexedDB.open(
			// The signed-in user's own database (see src/lib/db/database.ts).
			`yol-u-${JSON.parse(localStorage.getItem('yol.actor') ?? '{}').userId}`
		);
		req.onerror = () => reject(req.error);
		req.onsuccess = () => {
			const db = req.result;
			const tx = db.transaction(['values', 'valuePacks']);
			const own = tx.objectStore('values').getAllKeys();
			const packs = tx.objectStore('valuePacks').getAll();
			tx.oncomplete = () => {
				const ids = new Set(/** @type {string[]} */ (own.result));
				for (const pack of /** @type {{ values: object }[]} */ (packs.result)) {
					for (const id of Object.keys(pack.values)) ids.add(id);
				}
				db.close();
				resolve(ids.size);
			};
			tx.onerror = () => reject(tx.error);
		};
	});
}

/** @param {number} ms */
export const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
/** @param {number} ms */
export const millis = (ms) => `${ms.toFixed(0)} ms`;
