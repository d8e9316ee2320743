import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { saveValue } from '../../src/lib/db/values';
import { MAX_MUTATIONS_PER_PUSH as MAX } from '../../src/lib/domain/sync/protocol';
import type { Store } from '../../src/lib/server/db/store';
import { backoffDelay } from '../../src/lib/sync/backoff';
import { browserEnvironment, type SyncEnvironment } from '../../src/lib/sync/environment';
import { SyncScheduler } from '../../src/lib/sync/scheduler.svelte';
import { OfflineError, SessionEndedError } from '../../src/lib/sync/transport';
import {
	expectLoggedOnce,
	expectSameValues,
	openDevice,
	readServer,
	sampleValues,
	signInCoordinator,
	saveAll,
	type Device
} from './client';
import { FaultProxy, PASS } from './proxy';
import { ServerProcess, freePort, storeTargets, type ServerDb } from './server';
import { countStoredValues, storedValue, storedValues } from '../factories/stored-values';

/**
 * The sync engine against the real server process (`node build/index.js`), on SQLite and, when
 * DATABASE_URL is set, on PostgreSQL, with a proxy in between that breaks things on purpose.
 * Every test ends by comparing the server's tables with the device's database row by row.
 */

// PostgreSQL takes ~25 s for the longest (1,200 mutations at a few queries each) here.
const TIMEOUT = 120_000;

describe.each(storeTargets)('sync faults against the server process on $dialect', (target) => {
	describe.skipIf(target.skipped !== undefined)(target.skipped ?? 'fresh database', () => {
		let db: ServerDb;
		let server: ServerProcess;
		let proxy: FaultProxy;
		let reader: Store | undefined;
		const devices: Device[] = [];

		async function device(options: { name?: string; id?: string; direct?: boolean } = {}) {
			const d = await openDevice(options.direct ? server.url : proxy.url, options);
			devices.push(d);
			return d;
		}

		function serverState() {
			reader ??= db.open();
			return readServer(reader);
		}

		beforeEach(async () => {
			db = await target.create();
			server = new ServerProcess(await freePort(), db);
			await server.start();
			reader = db.open();
			await signInCoordinator(reader, server.url);
			proxy = new FaultProxy(server.port);
			await proxy.listen();
		}, TIMEOUT);

		afterEach(async () => {
			for (const d of devices.splice(0).reverse()) await d.close();
			await reader?.close();
			reader = undefined;
			await proxy.close();
			await server.kill();
			await db.dispose();
		}, TIMEOUT);

		it(
			'a server killed in the middle of a push and restarted: the retry applies everything once',
			async () => {
				const tablet = await device();
				const values = sampleValues(2 * MAX + 200);
				await saveAll(tablet, values, 'typed in the field');
				// The second of three pushes reaches the server, which dies as it takes it.
				proxy.rule = (_req, n) =>
					n.push === 2 ? { kind: 'pass', onSent: () => server.killNow() } : { kind: 'pass' };
				await expect(tablet.sync()).rejects.toBeInstanceOf(OfflineError);
				expect(proxy.of('push').map((r) => r.outcome)).toEqual(['200', 'upstream-down']);
				expect(await tablet.db.outbox.count()).toBe(MAX + 200);

				await server.start();
				proxy.rule = PASS;
				await tablet.sync();

				const state = await serverState();
				// One revision per change: anything applied twice would have taken a second one.
				expect(state.revision).toBe(2 * MAX + 200);
				expect(state.records.map((r) => r.rev).sort((a, b) => a - b)).toEqual(
					Array.from({ length: 2 * MAX + 200 }, (_, i) => i + 1)
				);
				expectLoggedOnce(state, tablet.id, 2 * MAX + 200);
				expect(await tablet.db.outbox.count()).toBe(0);
				expect(state.records.map((r) => r.id).sort()).toEqual(values.map((v) => v.id).sort());
				await expectSameValues(tablet, state);
			},
			TIMEOUT
		);

		it(
			'a reply lost after the server committed: the retry is answered duplicate, nothing applied twice',
			async () => {
				const tablet = await device();
				const values = sampleValues(MAX + 100);
				await saveAll(tablet, values, 'reply lost');
				proxy.rule = (_req, n) => (n.push === 1 ? { kind: 'swallow' } : { kind: 'pass' });
				await expect(tablet.sync()).rejects.toBeInstanceOf(OfflineError);
				expect(proxy.of('push')[0]?.outcome).toBe('swallowed');
				// The server committed the first push (MAX) though the device never heard so.
				expect((await serverState()).revision).toBe(MAX);
				expect(await tablet.db.outbox.count()).toBe(MAX + 100);

				proxy.rule = PASS;
				await tablet.sync();
				const [retry, rest] = tablet.traffic.pushes;
				expect(retry!.response.results.map((r) => r.outcome)).toEqual(Array(MAX).fill('duplicate'));
				expect(rest!.response.results.map((r) => r.outcome)).toEqual(Array(100).fill('applied'));

				const state = await serverState();
				expect(state.revision).toBe(MAX + 100);
				expectLoggedOnce(state, tablet.id, MAX + 100);
				expect(await tablet.db.outbox.count()).toBe(0);
				await expectSameValues(tablet, state);
			},
			TIMEOUT
		);

		it(
			'500s from a proxy: the scheduler backs off longer each time and loses nothing',
			async () => {
				const tablet = await device();
				const values = sampleValues(50);
				await saveAll(tablet, values, 'server trouble');
				let failures = 3;
				proxy.rule = () =>
					failures-- > 0
						? { kind: 'status', status: 500, body: { error: 'Internal Error' } }
						: { kind: 'pass' };
				const timers: { run: () => void; ms: number }[] = [];
				const env: SyncEnvironment = {
					online: () => true,
					visible: () => true,
					on: () => () => undefined,
					setTimeout(run, ms) {
						timers.push({ run, ms });
						return timers.length;
					},
					clearTimeout: () => undefined,
					setInterval: () => 0,
					clearInterval: () => undefined,
					withLock: async (task) => {
						await task();
						return true;
					},
					now: () => '2026-11-23T12:00:00.000Z',
					random: () => 0.5
				};
				const scheduler = new SyncScheduler();
				try {
					scheduler.start({
						db: tablet.db,
						transport: tablet.transport,
						deviceId: async () => tablet.id,
						env
					});
					for (let round = 1; round <= 3; round++) {
						await vi.waitFor(() => expect(timers.length).toBe(round), { timeout: 10_000 });
						expect(scheduler.status).toBe('error');
						expect(await tablet.db.outbox.count()).toBe(50);
						timers[round - 1]!.run();
					}
					await vi.waitFor(() => expect(scheduler.status).toBe('idle'), { timeout: 10_000 });
				} finally {
					scheduler.stop();
				}
				expect(timers.map((t) => t.ms)).toEqual([1, 2, 3].map((n) => backoffDelay(n, () => 0.5)));
				expect(timers[1]!.ms).toBeGreaterThan(timers[0]!.ms);
				expect(timers[2]!.ms).toBeGreaterThan(timers[1]!.ms);
				expect(proxy.requests.slice(0, 3).map((r) => r.outcome)).toEqual(['500', '500', '500']);

				const state = await serverState();
				expect(state.revision).toBe(50);
				expectLoggedOnce(state, tablet.id, 50);
				expect(await tablet.db.outbox.count()).toBe(0);
				await expectSameValues(tablet, state);
			},
			TIMEOUT
		);

		it(
			'401 in the middle of a sync: the queue is kept, sign-in is asked for, then it resumes',
			async () => {
				const tablet = await device();
				const values = sampleValues(2 * MAX + 200);
				await saveAll(tablet, values, 'before the session ran out');
				let signedIn = true;
				proxy.rule = (_req, n) => {
					if (n.push === 2) signedIn = false; // the session runs out after the first push
					return signedIn
						? { kind: 'pass' }
						: { kind: 'status', status: 401, body: { error: 'Your session has ended.' } };
				};
				const failure = await tablet.sync().catch((error: unknown) => error);
				expect(failure).toBeInstanceOf(SessionEndedError);
				// The first push (as many changes as fit, MAX at most) was answered and settled.
				const first = tablet.traffic.pushes[0]!.response.results.length;
				expect(first).toBeGreaterThan(0);
				expect(first).toBeLessThanOrEqual(MAX);
				expect(await tablet.db.outbox.count()).toBe(values.length - first);
				const pushed = await serverState();
				expect(pushed.revision).toBe(first);
				const waiting = (await storedValues(tablet.db)).filter(
					(v) => v.syncState === 'local'
				).length;
				expect(waiting).toBe(values.length - first);

				signedIn = true; // the user signs in again
				proxy.rule = PASS;
				await tablet.sync();
				const state = await serverState();
				expect(state.revision).toBe(2 * MAX + 200);
				expectLoggedOnce(state, tablet.id, 2 * MAX + 200);
				expect(await tablet.db.outbox.count()).toBe(0);
				await expectSameValues(tablet, state);
			},
			TIMEOUT
		);

		it(
			'a poison mutation in the middle of the queue: rejected with a reason, the rest applied',
			async () => {
				const tablet = await device();
				const [before, after] = [sampleValues(300), sampleValues(300, 300)];
				await saveAll(tablet, before, 'before the poison');
				const poison = await saveValue(
					tablet.db,
					{
						indicatorId: 'no-such-indicator',
						locationId: before[0]!.locationId,
						period: before[0]!.period,
						cell: 'total',
						value: 1,
						comment: ''
					},
					'fault-test'
				);
				await saveAll(tablet, after, 'after the poison');
				const summary = await tablet.sync();
				expect(summary.rejected).toBe(1);
				expect(summary.pushed).toBe(600);

				const rejected = await storedValue(tablet.db, poison.id);
				expect(rejected?.syncState).toBe('rejected');
				expect(rejected?.rejectReason).toMatch(/^indicatorId: there is no indicator/);
				const state = await serverState();
				expect(state.revision).toBe(600);
				expect(state.records.find((r) => r.id === poison.id)).toBeUndefined();
				expectLoggedOnce(state, tablet.id, 601);
				// The server's answer for seq 301 (its log line is trimmed once the next push came).
				const answers = tablet.traffic.pushes.flatMap((p) => p.response.results);
				expect(answers.find((r) => r.seq === 301)?.outcome).toBe('rejected');
				expect(await tablet.db.outbox.count()).toBe(0);
				await expectSameValues(tablet, state, [poison.id]);
			},
			TIMEOUT
		);

		it(
			'a first sync cut off after a few pages resumes from its cursor: no page twice, none skipped',
			async () => {
				const source = await device({ direct: true });
				await saveAll(source, sampleValues(1000), 'on the server already');
				await source.sync();

				const fresh = await device();
				proxy.rule = (_req, n) => (n.pull === 4 ? { kind: 'cut-body' } : { kind: 'pass' });
				await expect(fresh.sync(100)).rejects.toBeInstanceOf(OfflineError);
				expect(proxy.of('pull').map((r) => r.outcome)).toEqual(['200', '200', '200', 'cut']);
				expect(await countStoredValues(fresh.db)).toBe(300);

				proxy.rule = PASS;
				await fresh.sync(100);
				const pages = fresh.traffic.pulls;
				// Each page asks from the cursor the page before it ended on.
				for (let i = 1; i < pages.length; i++) {
					expect(pages[i]!.after).toBe(pages[i - 1]!.page.cursor);
				}
				const revs = pages.flatMap((p) => p.page.changes.map((c) => c.rev));
				const state = await serverState();
				expect(revs).toEqual(state.records.map((r) => r.rev).sort((a, b) => a - b));
				expect(new Set(revs).size).toBe(1000);
				await expectSameValues(fresh, state);
				await expectSameValues(source, state);
			},
			TIMEOUT
		);

		it(
			'two tabs syncing at once with the Web Lock: one pushes, the other skips; nothing twice',
			async () => {
				const tab1 = await device();
				const tab2 = await device({ name: tab1.db.name, id: tab1.id });
				await saveAll(tab1, sampleValues(2 * MAX + 200), 'two tabs');
				const env = browserEnvironment();
				const ran = await Promise.all([
					env.withLock(async () => void (await tab1.sync())),
					env.withLock(async () => void (await tab2.sync()))
				]);
				expect(ran.filter(Boolean)).toHaveLength(1);
				expect(proxy.of('push')).toHaveLength(3);
				await tab2.sync(); // its next round: nothing left to push
				expect(proxy.of('push')).toHaveLength(3);

				const state = await serverState();
				expect(state.revision).toBe(2 * MAX + 200);
				expectLoggedOnce(state, tab1.id, 2 * MAX + 200);
				await expectSameValues(tab1, state);
			},
			TIMEOUT
		);

		it(
			'two tabs syncing at once without a lock: the second push is answered duplicate',
			async () => {
				const tab1 = await device();
				const tab2 = await device({ name: tab1.db.name, id: tab1.id });
				await saveAll(tab1, sampleValues(1200), 'two tabs, no lock');
				await Promise.all([tab1.sync(), tab2.sync()]);
				const outcomes = [...tab1.traffic.pushes, ...tab2.traffic.pushes].flatMap((p) =>
					p.response.results.map((r) => r.outcome)
				);
				expect(outcomes.filter((o) => o === 'applied')).toHaveLength(1200);
				expect(outcomes.every((o) => o === 'applied' || o === 'duplicate')).toBe(true);

				const state = await serverState();
				expect(state.revision).toBe(1200);
				expectLoggedOnce(state, tab1.id, 1200);
				expect(await tab1.db.outbox.count()).toBe(0);
				await expectSameValues(tab1, state);
			},
			TIMEOUT
		);
	});
});
