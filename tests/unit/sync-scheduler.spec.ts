import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { YolDatabase } from '../../src/lib/db/database';
import { saveValue } from '../../src/lib/db/values';
import type { SyncEnvironment } from '../../src/lib/sync/environment';
import { SYNC_AFTER_CHANGE_MS, SyncScheduler } from '../../src/lib/sync/scheduler.svelte';
import {
	OfflineError,
	SessionEndedError,
	UpdateRequiredError,
	type SyncTransport
} from '../../src/lib/sync/transport';
import { useFreshDb } from '../factories/local-db';
import { FakeSyncServer, FakeTransport } from './sync-fake-server';

/** A browser under the test's control: events fired by hand, timers listed, the lock held or not. */
function fakeEnvironment() {
	const listeners = new Map<string, (() => void)[]>();
	const timers: { run: () => void; ms: number }[] = [];
	const env = {
		isOnline: true,
		lockFree: true,
		online: () => env.isOnline,
		visible: () => true,
		on(_target: string, event: string, listener: () => void) {
			listeners.set(event, [...(listeners.get(event) ?? []), listener]);
			return () => undefined;
		},
		setTimeout(run: () => void, ms: number) {
			timers.push({ run, ms });
			return timers.length;
		},
		clearTimeout(handle: unknown) {
			const timer = timers[(handle as number) - 1];
			if (timer) timer.run = () => undefined;
		},
		setInterval: () => 0,
		clearInterval: () => undefined,
		async withLock(task: () => Promise<void>) {
			if (!env.lockFree) return false;
			await task();
			return true;
		},
		now: () => '2026-11-23T12:00:00.000Z',
		random: () => 0.5,
		fire(event: string) {
			for (const listener of listeners.get(event) ?? []) listener();
		},
		timers
	};
	return env satisfies SyncEnvironment;
}

let db: YolDatabase;
useFreshDb((fresh) => (db = fresh));

const schedulers: SyncScheduler[] = [];
afterEach(() => {
	for (const s of schedulers.splice(0)) s.stop();
});

function scheduler(transport: SyncTransport, env = fakeEnvironment()) {
	const s = new SyncScheduler();
	schedulers.push(s);
	s.start({ db, transport, deviceId: () => Promise.resolve('device-1'), env });
	return { s, env };
}

const input = (value: number) => ({
	indicatorId: 'ind-h1',
	locationId: 'loc-az',
	period: '2026-09',
	cell: 'total',
	value,
	comment: ''
});

describe('SyncScheduler', () => {
	it('syncs on start and shows the outcome', async () => {
		await saveValue(db, input(1), 'ana');
		const server = new FakeSyncServer();
		const { s } = scheduler(new FakeTransport(server));
		await vi.waitFor(() => expect(s.lastSyncedAt).toBe('2026-11-23T12:00:00.000Z'));
		expect(s.status).toBe('idle');
		expect(s.pending).toBe(0);
		expect(server.log).toHaveLength(1);
	});

	it('marks a round with nothing to send as synced only once its pull is stored', async () => {
		const server = new FakeSyncServer();
		const net = new FakeTransport(server);
		net.failPullCalls.add(1);
		const { s, env } = scheduler(net);
		await vi.waitFor(() => expect(s.status).toBe('offline'));
		expect(await db.meta.get('last_synced_at')).toBeUndefined();
		expect(s.lastSyncedAt).toBeNull();

		env.timers[0]!.run();
		await vi.waitFor(() => expect(s.status).toBe('idle'));
		expect(net.pushCalls).toBe(0);
		expect((await db.meta.get('last_synced_at'))?.value).toBe('2026-11-23T12:00:00.000Z');
		await vi.waitFor(() => expect(s.lastSyncedAt).toBe('2026-11-23T12:00:00.000Z'));
	});

	it('backs off after a failure and retries on its timer', async () => {
		await saveValue(db, input(1), 'ana');
		const server = new FakeSyncServer();
		const net = new FakeTransport(server);
		const push = vi.spyOn(net, 'push').mockRejectedValueOnce(new OfflineError());
		const { s, env } = scheduler(net);
		await vi.waitFor(() => expect(s.status).toBe('offline'));
		expect(env.timers).toHaveLength(1);
		expect(env.timers[0]!.ms).toBeGreaterThan(0);
		// An event during the backoff does not hammer the server.
		env.fire('visibilitychange');
		await Promise.resolve();
		expect(push).toHaveBeenCalledTimes(1);

		env.timers[0]!.run();
		await vi.waitFor(() => expect(s.status).toBe('idle'));
		expect(push).toHaveBeenCalledTimes(2);
		await vi.waitFor(() => expect(s.pending).toBe(0));
	});

	it('stops retrying when the app must be updated, and keeps the outbox', async () => {
		await saveValue(db, input(1), 'ana');
		const transport: SyncTransport = {
			push: () => Promise.reject(new UpdateRequiredError()),
			pull: () => Promise.reject(new UpdateRequiredError())
		};
		const { s, env } = scheduler(transport);
		await vi.waitFor(() => expect(s.status).toBe('update_required'));
		expect(env.timers).toHaveLength(0);
		await vi.waitFor(() => expect(s.pending).toBe(1));
	});

	it('waits for a new sign-in when the session ended, keeping the outbox, then resumes', async () => {
		await saveValue(db, input(1), 'ana');
		const server = new FakeSyncServer();
		const net = new FakeTransport(server);
		let signedIn = false;
		const transport: SyncTransport = {
			push: (r) => (signedIn ? net.push(r) : Promise.reject(new SessionEndedError())),
			pull: (a, l) => (signedIn ? net.pull(a, l) : Promise.reject(new SessionEndedError()))
		};
		const { s, env } = scheduler(transport);
		await vi.waitFor(() => expect(s.status).toBe('session_ended'));
		expect(env.timers).toHaveLength(0); // no retry loop against a server that says 401
		await vi.waitFor(() => expect(s.pending).toBe(1));
		env.fire('visibilitychange'); // an ordinary trigger does not knock again
		expect(s.status).toBe('session_ended');

		signedIn = true;
		await s.syncNow();
		expect(s.status).toBe('idle');
		await vi.waitFor(() => expect(s.pending).toBe(0));
	});

	it('syncs when the network returns, and not while offline', async () => {
		const server = new FakeSyncServer();
		const net = new FakeTransport(server);
		const env = fakeEnvironment();
		env.isOnline = false;
		const { s } = scheduler(net, env);
		await vi.waitFor(() => expect(s.status).toBe('offline'));
		await saveValue(db, input(2), 'ana');
		expect(net.pushCalls).toBe(0);
		env.isOnline = true;
		env.fire('online');
		await vi.waitFor(() => expect(s.status).toBe('idle'));
		expect(net.pushCalls).toBe(1);
	});

	it('leaves the round to the tab that holds the lock', async () => {
		await saveValue(db, input(1), 'ana');
		const net = new FakeTransport(new FakeSyncServer());
		const env = fakeEnvironment();
		env.lockFree = false;
		const { s } = scheduler(net, env);
		await s.syncNow();
		expect(net.pushCalls).toBe(0);
		await vi.waitFor(() => expect(s.pending).toBe(1));
	});

	it('sends a change saved online a few seconds later, once for several quick saves', async () => {
		const server = new FakeSyncServer();
		const net = new FakeTransport(server);
		const { s, env } = scheduler(net);
		await vi.waitFor(() => expect(s.status).toBe('idle'));
		const before = net.pushCalls;
		await saveValue(db, input(1), 'ana');
		await vi.waitFor(() => expect(s.pending).toBe(1));
		await saveValue(db, { ...input(2), period: '2026-10' }, 'ana');
		await vi.waitFor(() => expect(s.pending).toBe(2));
		const soon = env.timers.filter((t) => t.ms === SYNC_AFTER_CHANGE_MS);
		expect(soon).toHaveLength(1);
		expect(net.pushCalls).toBe(before);
		soon[0]!.run();
		await vi.waitFor(() => expect(s.pending).toBe(0));
		expect(net.pushCalls).toBe(before + 1);
	});

	it('does not plan a round for a change saved offline', async () => {
		const env = fakeEnvironment();
		env.isOnline = false;
		const { s } = scheduler(new FakeTransport(new FakeSyncServer()), env);
		await vi.waitFor(() => expect(s.status).toBe('offline'));
		await saveValue(db, input(3), 'ana');
		await vi.waitFor(() => expect(s.pending).toBe(1));
		expect(env.timers.filter((t) => t.ms === SYNC_AFTER_CHANGE_MS)).toHaveLength(0);
	});
});
