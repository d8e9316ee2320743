import 'fake-indexeddb/auto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { OfflineError, SyncHttpError } from '../../src/lib/sync/transport';
import {
	expectLoggedOnce,
	expectSameValues,
	openDevice,
	readServer,
	sampleValues,
	saveAll,
	signInCoordinator,
	type Device
} from './client';
import { Cluster, LocalPostgres, nginxBin } from './cluster';
import { freePort, ServerProcess, type ServerDb } from './server';

/**
 * Issue #22 §2: three app servers on one PostgreSQL, with nginx in front and without it (each
 * device then talks to one server of its own), and the faults a real deployment meets: an app
 * server killed (-9) while 50 devices push and pull, PostgreSQL restarted in the middle of
 * pushes, PostgreSQL refusing connections when a server starts. Every test ends with the
 * server's tables against each device's database: every acknowledged change once, all alike.
 *
 * Needs nginx and PostgreSQL's programs (not a running PostgreSQL: the harness runs its own,
 * so that it can restart it). Without them these tests FAIL, saying what to install.
 */

const TIMEOUT = 300_000;
const DEVICES = 50;
const ROUNDS = 3;
const PER_ROUND = 4;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A round the way a tablet retries: a lost connection, a 502 or a 503 is tried again. */
async function syncRetrying(device: Device, until: number): Promise<void> {
	for (;;) {
		try {
			await device.sync();
			return;
		} catch (error) {
			const passing =
				error instanceof OfflineError ||
				(error instanceof SyncHttpError && (error.status === 502 || error.status === 503));
			if (!passing || Date.now() > until) throw error;
			await sleep(100 + Math.random() * 300);
		}
	}
}

/** What every response a device got looked like: statuses, and 503s without Retry-After. */
class Answers {
	readonly statuses = new Map<number, number>();
	unavailableWithoutRetryAfter = 0;

	observe = (response: Response) => {
		this.statuses.set(response.status, (this.statuses.get(response.status) ?? 0) + 1);
		if (response.status === 503 && !response.headers.get('retry-after')) {
			this.unavailableWithoutRetryAfter += 1;
		}
	};

	count(status: number): number {
		return this.statuses.get(status) ?? 0;
	}
}

describe('three app servers on one PostgreSQL', () => {
	let pg: LocalPostgres;
	let cluster: Cluster | undefined;
	const devices: Device[] = [];
	let run = 0;

	beforeAll(async () => {
		nginxBin(); // fails loudly when nginx is missing
		pg = new LocalPostgres();
		await pg.init();
	}, TIMEOUT);

	afterEach(async () => {
		// A server that died by itself (not the one a test killed) shows why.
		for (const server of cluster?.servers ?? []) {
			if (!server.running && !server.killed)
				console.error(`server ${server.url} died:\n${server.log}`);
		}
		for (const d of devices.splice(0)) await d.close();
		await cluster?.stop();
		cluster = undefined;
	}, TIMEOUT);

	afterAll(() => {
		pg?.dispose();
	});

	async function startCluster(): Promise<Cluster> {
		cluster = new Cluster(pg);
		await cluster.start(`yol_scale_${process.pid}_${++run}`);
		await signInCoordinator(cluster.store(), cluster.servers[0]!.url);
		return cluster;
	}

	/** `DEVICES` devices, each on the proxy or (without it) on one server in turn. */
	async function openDevices(c: Cluster, proxy: boolean, answers: Answers): Promise<Device[]> {
		for (let i = 0; i < DEVICES; i++) {
			const url = proxy ? c.nginx.url : c.servers[i % c.servers.length]!.url;
			devices.push(await openDevice(url, { observe: answers.observe }));
		}
		return devices;
	}

	/**
	 * Each device saves PER_ROUND new values and syncs, ROUNDS times, all devices at once;
	 * `during` runs once a third of the rounds are done. Then every device syncs once more, so
	 * that each has pulled what the others pushed last.
	 */
	async function workload(list: Device[], during: () => Promise<void>): Promise<void> {
		const until = Date.now() + 200_000;
		let done = 0;
		let fired: Promise<void> | undefined;
		const trigger = Math.floor((list.length * ROUNDS) / 3);
		await Promise.all(
			list.map(async (device, d) => {
				for (let round = 0; round < ROUNDS; round++) {
					const offset = (d * ROUNDS + round) * PER_ROUND;
					await saveAll(device, sampleValues(PER_ROUND, offset), `device ${d} round ${round}`);
					await syncRetrying(device, until);
					if (++done === trigger) fired = during();
				}
			})
		);
		await fired;
		for (const device of list) await syncRetrying(device, until);
	}

	/** Every change once on the server, every device the same as the server. */
	async function expectConverged(c: Cluster, list: Device[]): Promise<void> {
		const state = await readServer(c.store());
		const total = DEVICES * ROUNDS * PER_ROUND;
		// One revision per change: a change applied twice would have taken a second one.
		expect(state.revision).toBe(total);
		expect(state.records.filter((r) => r.entity === 'value')).toHaveLength(total);
		expect(new Set(state.records.map((r) => r.rev)).size).toBe(total);
		for (const device of list) {
			expectLoggedOnce(state, device.id, ROUNDS * PER_ROUND);
			expect(await device.db.outbox.count()).toBe(0);
			await expectSameValues(device, state);
		}
	}

	describe.each([
		{ proxy: true, how: 'behind nginx' },
		{ proxy: false, how: 'without a proxy' }
	])('$how', ({ proxy }) => {
		it(
			'one of three app servers killed (-9) while 50 devices push and pull: every change once, all converge',
			async () => {
				const c = await startCluster();
				const answers = new Answers();
				const list = await openDevices(c, proxy, answers);
				const victim = c.servers[1]!;
				await workload(list, async () => {
					victim.killNow();
					if (proxy) return; // nginx sends everything to the other two
					// Without a proxy its devices wait for it, as for a supervisor's restart.
					await sleep(1500);
					await victim.start();
				});
				expect(answers.count(500)).toBe(0);
				await expectConverged(c, list);
			},
			TIMEOUT
		);

		it(
			'PostgreSQL restarted in the middle of pushes: 503 with Retry-After meanwhile, then every change once',
			async () => {
				const c = await startCluster();
				const answers = new Answers();
				const list = await openDevices(c, proxy, answers);
				await workload(list, async () => {
					pg.stop();
					await sleep(2000);
					pg.start();
				});
				// The app servers stayed up and found the database again by themselves.
				expect(c.servers.every((s) => s.running)).toBe(true);
				expect(answers.count(503)).toBeGreaterThan(0);
				expect(answers.unavailableWithoutRetryAfter).toBe(0);
				expect(answers.count(500)).toBe(0);
				// Behind nginx too: a 502 would mean the proxy lost its servers, not the database.
				if (answers.count(502) > 0) console.warn(c.nginx.errorLog());
				expect(answers.count(502)).toBe(0);
				await expectConverged(c, list);
			},
			TIMEOUT
		);
	});

	it(
		'PostgreSQL refusing connections at start: the app server waits, says why, then starts',
		async () => {
			const name = `yol_scale_${process.pid}_wait`;
			await pg.createDatabase(name);
			const url = pg.urlOf(name);
			const db: ServerDb = {
				env: { DATABASE_URL: url },
				open: () => {
					throw new Error('not read here');
				},
				dispose: async () => undefined
			};
			const server = new ServerProcess(await freePort(), db, { LOG_LEVEL: 'warn' });
			pg.stop();
			try {
				server.launch();
				const until = Date.now() + 60_000;
				while (!/waiting for the database/.test(server.log) && Date.now() < until) await sleep(100);
				expect(server.log).toMatch(
					/waiting for the database \(postgres at 127\.0\.0\.1:\d+\/\w+\): .*ECONNREFUSED/
				);
				expect(server.log).not.toMatch(/password/i);
				// Not serving meanwhile: a load balancer sends nothing to it.
				expect(server.running).toBe(true);
				await expect(fetch(`${server.url}/api/health`)).rejects.toThrow();
				pg.start();
				expect(await server.serving(60_000)).toBe(true);
				const health = (await (await fetch(`${server.url}/api/health`)).json()) as { ok: boolean };
				expect(health.ok).toBe(true);
			} finally {
				await server.kill();
				if (!existsPostmaster(pg)) pg.start();
			}
		},
		TIMEOUT
	);
});

function existsPostmaster(pg: LocalPostgres): boolean {
	return existsSync(join(pg.dir, 'data', 'postmaster.pid'));
}
