import { expect, it, vi } from 'vitest';
import {
	CLIENT_SCHEMA_VERSION,
	PROTOCOL_VERSION,
	type Mutation
} from '../../src/lib/domain/sync/protocol';
import { seedDemo } from '../../src/lib/server/demo';
import { apiOn, withAccounts } from '../factories/api';
import { GANJA, GANJA_NEW } from '../factories/scoped-values';
import { describeStores } from './stores';

vi.setConfig({ testTimeout: 60_000 });

const TABLET = 'tablet-ganja-1';
const OTHER = 'tablet-ganja-2';
const CASEWORKER = 'demo-caseworker';

let counter = 0;
function valueMutation(seq: number, value = GANJA): Mutation {
	return {
		seq,
		mutationId: `lost-${++counter}`,
		entity: 'value',
		entityId: value.id,
		op: 'put',
		baseRev: 0,
		changed: Object.keys(value).filter((k) => k !== 'rev' && k !== 'id'),
		data: value
	} as Mutation;
}

function pushBody(deviceId: string, mutations: Mutation[], pending?: number) {
	return {
		protocol: PROTOCOL_VERSION,
		schema: CLIENT_SCHEMA_VERSION,
		deviceId,
		deviceName: deviceId === TABLET ? 'Ganja office tablet 1' : undefined,
		...(pending === undefined ? {} : { pending }),
		mutations
	};
}

const pullPath = (device: string, pending: number) =>
	`/api/sync/pull?after=0&limit=10&protocol=${PROTOCOL_VERSION}&schema=${CLIENT_SCHEMA_VERSION}` +
	`&device=${device}&pending=${pending}`;

describeStores('lost devices', (db) => {
	async function setUp() {
		const store = await withAccounts(db().store);
		await seedDemo(store);
		const api = apiOn(store);
		const admin = await api.signIn('admin');
		// First sign-in on the tablet names no device: its first sync ties the session to it.
		const tablet = await api.signIn('caseworker');
		const other = await api.signIn('caseworker');
		const headers = { 'user-agent': 'Mozilla/5.0 (Linux; Android 14) Chrome/131' };
		const synced = await api.call('POST', '/api/sync/push', {
			cookie: tablet,
			headers,
			json: pushBody(TABLET, [valueMutation(1)], 3)
		});
		expect(synced.status).toBe(200);
		expect((await api.call('GET', pullPath(OTHER, 0), { cookie: other, headers })).status).toBe(
			200
		);
		return { store, api, admin, tablet, other };
	}

	it('lists each device of a user: name or browser, first and last sync, pending reported', async () => {
		const { api, admin, tablet } = await setUp();
		api.clock.now = new Date('2026-11-23T11:00:00.000Z');
		expect((await api.call('GET', pullPath(TABLET, 2), { cookie: tablet })).status).toBe(200);
		const listed = await api.call('GET', `/api/admin/users/${CASEWORKER}/devices`, {
			cookie: admin
		});
		expect(listed.status).toBe(200);
		const { devices } = (await listed.json()) as { devices: Record<string, unknown>[] };
		expect(devices).toHaveLength(2);
		const one = devices.find((d) => d.deviceId === TABLET);
		expect(one).toMatchObject({
			name: 'Ganja office tablet 1',
			userAgent: 'Mozilla/5.0 (Linux; Android 14) Chrome/131',
			pendingReported: 2,
			lostAt: null,
			lostMode: null,
			revoked: false
		});
		expect(Date.parse(String(one?.firstSeen))).toBeLessThanOrEqual(
			Date.parse(String(one?.lastSeen))
		);
		const two = devices.find((d) => d.deviceId === OTHER);
		expect(two).toMatchObject({ name: null, pendingReported: 0, lostAt: null });
	});

	it('lets only administrators see or mark devices, and asks for the mode in words', async () => {
		const { api, admin, tablet } = await setUp();
		const coordinator = await api.signIn('coordinator');
		const path = `/api/admin/users/${CASEWORKER}/devices`;
		expect((await api.call('GET', path, { cookie: coordinator })).status).toBe(403);
		const byCoordinator = await api.call('POST', `${path}/${TABLET}/lost`, {
			cookie: coordinator,
			json: { mode: 'wipe-now' }
		});
		expect(byCoordinator.status).toBe(403);
		const noMode = await api.call('POST', `${path}/${TABLET}/lost`, { cookie: admin, json: {} });
		expect(noMode.status).toBe(400);
		expect(((await noMode.json()) as { error: string }).error).toMatch(/push-first.*wipe-now/);
		const unknown = await api.call('POST', `${path}/no-such-tablet/lost`, {
			cookie: admin,
			json: { mode: 'wipe-now' }
		});
		expect(unknown.status).toBe(404);
		// Nothing was marked: the tablet still syncs.
		expect((await api.call('GET', pullPath(TABLET, 0), { cookie: tablet })).status).toBe(200);
	});

	it("'wipe-now' refuses the device's every request at once with the wipe order, and audits it", async () => {
		const { store, api, admin, tablet, other } = await setUp();
		const marked = await api.call('POST', `/api/admin/users/${CASEWORKER}/devices/${TABLET}/lost`, {
			cookie: admin,
			json: { mode: 'wipe-now' }
		});
		expect(marked.status).toBe(200);
		const { device } = (await marked.json()) as { device: Record<string, unknown> };
		expect(device).toMatchObject({ deviceId: TABLET, lostMode: 'wipe-now' });

		const wipe = { wipe: true, reason: expect.stringMatching(/marked this device lost/) };
		// The next request, whatever it is: no cache stands between the marking and the refusal.
		const pushed = await api.call('POST', '/api/sync/push', {
			cookie: tablet,
			json: pushBody(TABLET, [valueMutation(2, GANJA_NEW)], 1)
		});
		expect(pushed.status).toBe(410);
		expect(await pushed.json()).toMatchObject(wipe);
		const pulled = await api.call('GET', pullPath(TABLET, 1), { cookie: tablet });
		expect(pulled.status).toBe(410);
		expect(await pulled.json()).toMatchObject(wipe);
		// The session is tied to the lost device: other API calls are refused too.
		const me = await api.call('GET', '/api/audit?entity=value&id=x', { cookie: tablet });
		expect(me.status).toBe(410);
		expect(await me.json()).toMatchObject(wipe);
		// Nothing of the refused push was applied.
		const kept = await store.get<{ last_seq: number }>(
			'SELECT last_seq FROM devices WHERE device_id = $1',
			[TABLET]
		);
		expect(Number(kept?.last_seq)).toBe(1);
		// The user's other tablet is not touched.
		expect((await api.call('GET', pullPath(OTHER, 0), { cookie: other })).status).toBe(200);

		const audit = await store.all<{
			user_id: string;
			entity_id: string;
			action: string;
			new_data: string;
		}>("SELECT user_id, entity_id, action, new_data FROM audit WHERE entity = 'device'");
		expect(audit).toHaveLength(1);
		expect(audit[0]).toMatchObject({ user_id: 'demo-admin', entity_id: TABLET, action: 'lost' });
		expect(JSON.parse(audit[0]!.new_data)).toMatchObject({ user: CASEWORKER, mode: 'wipe-now' });
	});

	it("'push-first' takes the unsynced changes, then orders the wipe once none are left", async () => {
		const { store, api, admin, tablet } = await setUp();
		const marked = await api.call('POST', `/api/admin/users/${CASEWORKER}/devices/${TABLET}/lost`, {
			cookie: admin,
			json: { mode: 'push-first' }
		});
		expect(marked.status).toBe(200);
		// Still holding changes: a pull is refused without the wipe (push first).
		const early = await api.call('GET', pullPath(TABLET, 2), { cookie: tablet });
		expect(early.status).toBe(410);
		expect(await early.json()).toMatchObject({ wipe: false });
		// The last of its changes goes in, and the answer is the wipe order.
		const pushed = await api.call('POST', '/api/sync/push', {
			cookie: tablet,
			json: pushBody(TABLET, [valueMutation(2, GANJA_NEW)], 1)
		});
		expect(pushed.status).toBe(410);
		expect(await pushed.json()).toMatchObject({ wipe: true });
		const stored = await store.get<{ n: number }>(
			"SELECT count(*) AS n FROM records WHERE entity = 'value' AND id = $1",
			[GANJA_NEW.id]
		);
		expect(Number(stored?.n)).toBe(1);
		// From then on every request gets the wipe order.
		const after = await api.call('GET', pullPath(TABLET, 0), { cookie: tablet });
		expect(after.status).toBe(410);
		expect(await after.json()).toMatchObject({ wipe: true });
		const audit = await store.get<{ new_data: string }>(
			"SELECT new_data FROM audit WHERE entity = 'device' AND action = 'lost'"
		);
		expect(JSON.parse(audit?.new_data ?? '{}')).toMatchObject({ mode: 'push-first' });
	});
});
