// Initial sync of 100,000 values into a new device (issue 4's target: ≤ 1.2 × the per-record
// floor). The real app in headless Chromium on an on-disk profile downloads everything from the
// built server (SQLite holding 100,000 values) on its first start. The floor is measured in the
// same run on the same records: raw SQLite read of the rows, raw HTTP transfer of them as one
// JSON body into the page, raw IndexedDB put of them in one transaction. Medians.
import Database from 'better-sqlite3';
import { createServer } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median } from './serve.js';
import {
	countValues,
	freshChromium,
	seconds,
	serverWithValues,
	timeFirstStart
} from './sync-setup.js';

const TOTAL = 100_000;
const RUNS = 3;
const PORT = 4206;
const FLOOR_PORT = 4207;

export async function run() {
	const server = await serverWithValues(PORT, TOTAL);
	try {
		/** @type {{ syncMs: number, totalMs: number, pulls: number, stored: number }[]} */
		const syncs = [];
		for (let i = 0; i < RUNS; i++) {
			const browser = await freshChromium();
			try {
				const start = await timeFirstStart(browser.context, server.url);
				const stored = await start.page.evaluate(countValues);
				syncs.push({ syncMs: start.syncMs, totalMs: start.readyAt, pulls: start.pulls, stored });
			} finally {
				await browser.close();
			}
		}
		const floor = await measureFloor(server.file);
		const sync = median(syncs.map((s) => s.syncMs));
		const floorMs = floor.sqliteRead + floor.http + floor.idbPut;
		const ratio = sync / floorMs;
		const stored = syncs[0]?.stored ?? 0;
		const runs = (/** @type {number[]} */ xs) => xs.map((x) => (x / 1000).toFixed(1)).join(', ');
		const lines = [
			`## Initial sync of ${TOTAL.toLocaleString('en')} values into a new device`,
			'',
			`The app's first start in headless Chromium (on-disk profile) against the built server on SQLite holding ${TOTAL.toLocaleString('en')} values: from the first pull request until the app says it is ready (${syncs[0]?.pulls ?? 0} pulls; ${stored.toLocaleString('en')} values stored). Floor on the same records, same run: raw SQLite read + one JSON body over loopback HTTP into the page + raw IndexedDB put in one transaction. Median of ${RUNS}.`,
			'',
			'| what | median | all runs (s) |',
			'|---|---:|---|',
			`| **initial sync (app, first pull → ready)** | **${seconds(sync)}** | ${runs(syncs.map((s) => s.syncMs))} |`,
			`| page open → ready | ${seconds(median(syncs.map((s) => s.totalMs)))} | ${runs(syncs.map((s) => s.totalMs))} |`,
			`| floor: SQLite read of the rows | ${seconds(floor.sqliteRead)} | ${runs(floor.runs.sqliteRead)} |`,
			`| floor: HTTP JSON transfer into Chromium | ${seconds(floor.http)} | ${runs(floor.runs.http)} |`,
			`| floor: IndexedDB put, one transaction, no index | ${seconds(floor.idbPut)} | ${runs(floor.runs.idbPut)} |`,
			`| **floor (sum of the three)** | **${seconds(floorMs)}** | |`,
			`| (info) IndexedDB put, one record per value with its index (the app's layout before version 7) | ${seconds(floor.idbPutIndexed)} | ${runs(floor.runs.idbPutIndexed)} |`,
			`| (info) SQLite insert in one transaction | ${seconds(floor.sqliteInsert)} | ${runs(floor.runs.sqliteInsert)} |`,
			'',
			`Ratio to the floor: **${ratio.toFixed(2)} ×** (target ≤ 1.2 ×: ${ratio <= 1.2 ? 'met' : 'missed'}).`,
			''
		];
		return { markdown: lines.join('\n') };
	} finally {
		await server.stop();
	}
}

/**
 * The floor's three parts, each a median of RUNS, on the server's own value rows.
 * @param {string} file the server's SQLite file
 */
async function measureFloor(file) {
	/** @type {Record<'sqliteRead'|'sqliteInsert'|'http'|'idbPut'|'idbPutIndexed', number[]>} */
	const runs = { sqliteRead: [], sqliteInsert: [], http: [], idbPut: [], idbPutIndexed: [] };
	const sqlite = new Database(file, { readonly: true });
	const read = sqlite.prepare(
		"SELECT id, rev, data FROM records WHERE entity = 'value' ORDER BY rev"
	);
	/** @type {any[]} */
	let rows = [];
	for (let i = 0; i < RUNS; i++) {
		const t0 = performance.now();
		rows = read.all();
		runs.sqliteRead.push(performance.now() - t0);
	}
	sqlite.close();
	const scratchDir = mkdtempSync(join(tmpdir(), 'yol-bench-floor-'));
	for (let i = 0; i < RUNS; i++) {
		const scratch = new Database(join(scratchDir, `floor-${i}.sqlite`));
		scratch.exec('CREATE TABLE records (id TEXT PRIMARY KEY, rev INTEGER NOT NULL, data TEXT)');
		const insert = scratch.prepare('INSERT INTO records (id, rev, data) VALUES (?, ?, ?)');
		const t0 = performance.now();
		scratch.transaction(() => {
			for (const row of rows) insert.run(row.id, row.rev, row.data);
		})();
		runs.sqliteInsert.push(performance.now() - t0);
		scratch.close();
	}
	rmSync(scratchDir, { recursive: true, force: true });

	// The records as the device stores them, in one JSON body.
	const body = Buffer.from(
		JSON.stringify(rows.map((r) => ({ ...JSON.parse(r.data), syncState: 'synced' })))
	);
	rows = [];
	const http = createServer((req, res) => {
		if (req.url === '/records.json') {
			res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
			res.end(body);
		} else {
			res.writeHead(200, { 'content-type': 'text/html' });
			res.end('<!doctype html><title>floor</title>');
		}
	});
	await new Promise((resolve) => http.listen(FLOOR_PORT, '127.0.0.1', () => resolve(undefined)));
	try {
		for (let i = 0; i < RUNS; i++) {
			const browser = await freshChromium();
			try {
				const page = await browser.context.newPage();
				await page.goto(`http://127.0.0.1:${FLOOR_PORT}/`);
				const timing = await page.evaluate(floorInPage);
				runs.http.push(timing.http);
				runs.idbPut.push(timing.put);
				runs.idbPutIndexed.push(timing.putIndexed);
			} finally {
				await browser.close();
			}
		}
	} finally {
		await new Promise((resolve) => http.close(resolve));
	}
	return {
		runs,
		sqliteRead: median(runs.sqliteRead),
		sqliteInsert: median(runs.sqliteInsert),
		http: median(runs.http),
		idbPut: median(runs.idbPut),
		idbPutIndexed: median(runs.idbPutIndexed)
	};
}

/** In the page: fetch the records as JSON, then put them into IndexedDB in one transaction. */
async function floorInPage() {
	const t0 = performance.now();
	const records = await (await fetch('/records.json')).json();
	const http = performance.now() - t0;
	/** @param {boolean} indexed */
	const put = (indexed) =>
		new Promise((resolve, reject) => {
			const req = indexedDB.open(indexed ? 'floor-indexed' : 'floor', 1);
			req.onupgradeneeded = () => {
				const store = req.result.createObjectStore('values', { keyPath: 'id' });
				if (indexed) {
					// The values table before version 7 (src/lib/db/database.ts, version 5), for
					// comparison; `rejectReason` is absent from synced records.
					store.createIndex('[indicatorId+period+locationId]', [
						'indicatorId',
						'period',
						'locationId'
					]);
					store.createIndex('rejectReason', 'rejectReason');
				}
			};
			req.onerror = () => reject(req.error);
			req.onsuccess = () => {
				const db = req.result;
				const start = performance.now();
				const tx = db.transaction('values', 'readwrite');
				const store = tx.objectStore('values');
				for (const record of records) store.put(record);
				tx.oncomplete = () => {
					db.close();
					resolve(performance.now() - start);
				};
				tx.onerror = () => reject(tx.error);
			};
		});
	const plain = /** @type {number} */ (await put(false));
	const indexed = /** @type {number} */ (await put(true));
	return { http, put: plain, putIndexed: indexed };
}
