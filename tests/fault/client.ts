import 'fake-indexeddb/auto';
import { expect } from 'vitest';
import { YolDatabase, type LocalValue } from '../../src/lib/db/database';
import { saveValue } from '../../src/lib/db/values';
import { createUser } from '../../src/lib/server/auth/users';
import type { IndicatorValue } from '../../src/lib/domain/indicators';
import { generateDemoValues } from '../../src/lib/domain/seed/demo-values';
import type { PullResponse, PushRequest, PushResponse } from '../../src/lib/domain/sync/protocol';
import type { Store } from '../../src/lib/server/db/store';
import { syncOnce, type SyncSummary } from '../../src/lib/sync/engine';
import { fetchTransport, type SyncTransport } from '../../src/lib/sync/transport';
import { storedValues } from '../factories/stored-values';

/**
 * The device side of the fault tests: the real engine and fetch transport on fake-indexeddb,
 * talking HTTP to a server process (usually through a FaultProxy).
 */

/**
 * Every request a test device sends goes through here. When accounts land, this is the one place
 * that adds the session cookie (sign in once per device, keep the Set-Cookie, send it back).
 */
export function deviceFetch(baseUrl: string, observe?: (response: Response) => void): typeof fetch {
	return async (input, init) => {
		const headers = new Headers(init?.headers);
		if (session) headers.set('cookie', session);
		const response = await fetch(new URL(String(input), baseUrl), { ...init, headers });
		observe?.(response);
		return response;
	};
}

/** The session cookie every device's requests carry (one signed-in coordinator per test). */
let session: string | undefined;

/**
 * Creates a coordinator in the server's database and signs in over HTTP, so that the devices'
 * requests carry a real session, as a tablet's do.
 */
export async function signInCoordinator(store: Store, serverUrl: string): Promise<void> {
	const password = 'fault-tests-password';
	await createUser(
		store,
		{
			username: 'fault-coordinator',
			name: 'Fault test coordinator',
			organisation: 'State Migration Service',
			role: 'coordinator',
			language: 'en',
			locationIds: null,
			password
		},
		{ userId: null, deviceId: null, at: new Date().toISOString() }
	);
	const response = await fetch(`${serverUrl}/api/auth/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ username: 'fault-coordinator', password })
	});
	if (!response.ok) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
	const cookie = response.headers.get('set-cookie')?.split(';')[0];
	if (!cookie) throw new Error('sign-in set no cookie');
	session = cookie;
}

/** What passed through a device's transport: each push's answer, each pull's page. */
export interface Traffic {
	pushes: { request: PushRequest; response: PushResponse }[];
	pulls: { after: number; page: PullResponse }[];
}

export interface Device {
	db: YolDatabase;
	id: string;
	transport: SyncTransport;
	traffic: Traffic;
	sync(pageSize?: number): Promise<SyncSummary>;
	close(): Promise<void>;
}

/** A new device (or, with `name`, a second tab on an existing device's database). */
export async function openDevice(
	baseUrl: string,
	options: { name?: string; id?: string; observe?: (response: Response) => void } = {}
): Promise<Device> {
	const name = options.name ?? `fault-${crypto.randomUUID()}`;
	const db = new YolDatabase(name);
	await db.open();
	const inner = fetchTransport(deviceFetch(baseUrl, options.observe));
	const traffic: Traffic = { pushes: [], pulls: [] };
	const transport: SyncTransport = {
		async push(request) {
			const response = await inner.push(request);
			traffic.pushes.push({ request, response });
			return response;
		},
		async pull(after, limit) {
			const page = await inner.pull(after, limit);
			traffic.pulls.push({ after, page });
			return page;
		}
	};
	const id = options.id ?? crypto.randomUUID();
	return {
		db,
		id,
		transport,
		traffic,
		sync: (pageSize) => syncOnce(db, transport, id, pageSize ? { pageSize } : {}),
		async close() {
			db.close();
			if (!options.name) await YolDatabase.delete(name);
		}
	};
}

let demo: IndicatorValue[] | undefined;

/** `count` distinct, valid values (the demo set's), for the device to save. */
export function sampleValues(count: number, offset = 0): IndicatorValue[] {
	demo ??= generateDemoValues().filter((v) => v.value !== null);
	if (offset + count > demo.length) throw new Error(`only ${demo.length} sample values`);
	return demo.slice(offset, offset + count);
}

/** Saves each value on the device the way the entry form does (record + outbox entry). */
export async function saveAll(
	device: Device,
	values: readonly IndicatorValue[],
	comment: string
): Promise<void> {
	for (const v of values) {
		await saveValue(
			device.db,
			{
				indicatorId: v.indicatorId,
				locationId: v.locationId,
				period: v.period,
				cell: v.cell,
				value: v.value,
				comment
			},
			'fault-test'
		);
	}
}

export interface ServerRow {
	entity: string;
	id: string;
	rev: number;
	deleted: number;
	data: string | null;
}

export interface ServerState {
	records: ServerRow[];
	/** The revision counter: how many changes the server has applied in all. */
	revision: number;
	log: { device_id: string; seq: number; outcome: string }[];
	/** The highest seq the server has applied per device. */
	lastSeq: Record<string, number>;
}

export async function readServer(store: Store): Promise<ServerState> {
	const records = await store.all<ServerRow>(
		'SELECT entity, id, rev, deleted, data FROM records ORDER BY entity, id'
	);
	const revision = (await store.get<{ rev: number }>('SELECT rev FROM sync_revision'))?.rev ?? 0;
	const log = await store.all<{ device_id: string; seq: number; outcome: string }>(
		'SELECT device_id, seq, outcome FROM mutation_log ORDER BY device_id, seq'
	);
	const devices = await store.all<{ device_id: string; last_seq: number }>(
		'SELECT device_id, last_seq FROM devices'
	);
	const lastSeq = Object.fromEntries(devices.map((d) => [d.device_id, d.last_seq]));
	return { records, revision, log, lastSeq };
}

/** A device's record as the server should hold it: without the device's own bookkeeping. */
function asServerData(row: LocalValue): Record<string, unknown> {
	const copy: Record<string, unknown> = { ...row };
	delete copy.syncState;
	delete copy.rejectReason;
	return copy;
}

/**
 * Row by row: every value on the server is on the device with the same content and revision,
 * marked synced, and the device holds no value the server does not (except `except`, ids the
 * device keeps as rejected).
 */
export async function expectSameValues(
	device: Device,
	server: ServerState,
	except: readonly string[] = []
): Promise<void> {
	const onServer = server.records.filter((r) => r.entity === 'value' && !r.deleted);
	const local = (await storedValues(device.db)).filter((v) => !except.includes(v.id));
	const localById = new Map(local.map((v) => [v.id, v]));
	for (const row of onServer) {
		const mine = localById.get(row.id);
		expect(mine, `value ${row.id} is on the server but not on the device`).toBeDefined();
		expect(mine!.syncState, `value ${row.id}`).toBe('synced');
		expect(mine!.rev, `rev of value ${row.id}`).toBe(row.rev);
		expect(asServerData(mine!), `value ${row.id}`).toEqual(JSON.parse(row.data ?? 'null'));
		localById.delete(row.id);
	}
	expect([...localById.keys()], 'values on the device but not on the server').toEqual([]);
}

/**
 * The server took each of the device's `count` seqs, in order, once: its counter stands at the
 * last, and the answers it still keeps (the log is trimmed to what the device may yet ask again,
 * the seqs of its last push) are distinct, consecutive and end there.
 */
export function expectLoggedOnce(server: ServerState, deviceId: string, count: number): void {
	expect(server.lastSeq[deviceId]).toBe(count);
	const seqs = server.log.filter((l) => l.device_id === deviceId).map((l) => l.seq);
	expect(seqs.length).toBeGreaterThan(0);
	expect(new Set(seqs).size).toBe(seqs.length);
	expect(seqs.at(-1)).toBe(count);
	expect(seqs).toEqual(seqs.map((_, i) => count - seqs.length + 1 + i));
}
