import { expect, it, vi } from 'vitest';
import type { Actor } from '../../src/lib/domain/auth';
import type { Location } from '../../src/lib/domain/locations';
import { SEED_INDICATORS } from '../../src/lib/domain/seed/catalogue';
import { SUPPRESSION_SETTING_ID } from '../../src/lib/domain/settings';
import {
	CLIENT_SCHEMA_VERSION,
	PROTOCOL_VERSION,
	type Mutation,
	type PullResponse
} from '../../src/lib/domain/sync/protocol';
import { migrate } from '../../src/lib/server/db/migrate';
import type { Store } from '../../src/lib/server/db/store';
import { pullChanges, scopeFor } from '../../src/lib/server/sync/pull';
import { applyPush } from '../../src/lib/server/sync/push';
import { TEST_ACTORS } from '../factories/actors';
import { apiOn, withAccounts } from '../factories/api';
import { GANJA, GANJA_NEW, YASAMAL, YASAMAL_NEW } from '../factories/scoped-values';
import { describeStores } from './stores';

vi.setConfig({ testTimeout: 60_000 });

const INDICATOR = SEED_INDICATORS[0];
const DASHKASAN: Location = {
	id: 'dist-dashkasan',
	parentId: 'reg-ganja-dashkasan',
	level: 'district',
	name: { az: 'Daşkəsən rayonu', en: 'Dashkasan district', ru: 'Дашкесанский район' }
};

let counter = 0;
function put(
	entity: Mutation['entity'],
	data: { id: string } & Record<string, unknown>,
	baseRev = 0
): Omit<Mutation, 'seq'> {
	return {
		mutationId: `m-${++counter}`,
		entity,
		entityId: data.id,
		op: 'put',
		baseRev,
		changed: Object.keys(data).filter((k) => k !== 'rev' && k !== 'id'),
		data
	};
}
function del(entity: Mutation['entity'], id: string, baseRev: number): Omit<Mutation, 'seq'> {
	return {
		mutationId: `m-${++counter}`,
		entity,
		entityId: id,
		op: 'delete',
		baseRev,
		changed: [],
		data: undefined
	};
}

async function push(store: Store, actor: Actor, device: string, list: Omit<Mutation, 'seq'>[]) {
	const before = await store.get<{ last_seq: number }>(
		'SELECT last_seq FROM devices WHERE device_id = $1',
		[device]
	);
	const first = (before?.last_seq ?? 0) + 1;
	return applyPush(
		store,
		{
			protocol: PROTOCOL_VERSION,
			schema: CLIENT_SCHEMA_VERSION,
			deviceId: device,
			mutations: list.map((m, i) => ({ ...m, seq: first + i }) as Mutation)
		},
		actor
	);
}

/** Two values the coordinator entered: one in Ganja, one in Yasamal. */
async function seeded(store: Store): Promise<Store> {
	await migrate(store);
	const seed = await push(store, TEST_ACTORS.coordinator, 'seed-tablet', [
		put('value', GANJA),
		put('value', YASAMAL)
	]);
	expect(seed.results.map((r) => r.outcome)).toEqual(['applied', 'applied']);
	return store;
}

async function snapshot(store: Store) {
	return {
		records: await store.all('SELECT entity, id, rev, deleted, data FROM records ORDER BY rev'),
		audit: await store.all('SELECT entity, entity_id, action FROM audit ORDER BY id'),
		conflicts: await store.all('SELECT id FROM conflicts')
	};
}

const CASEWORKER_SCOPE =
	'you may only enter values for Ganja-Dashkasan economic region and the places in it';

type Kind =
	| 'value in scope (new)'
	| 'value in scope (edit)'
	| 'value in scope (delete)'
	| 'value out of scope (new)'
	| 'value out of scope (edit)'
	| 'value out of scope (delete)'
	| 'value moved out of scope'
	| 'indicator'
	| 'location'
	| 'setting';

const KINDS: Record<Kind, () => Omit<Mutation, 'seq'>> = {
	'value in scope (new)': () => put('value', GANJA_NEW),
	'value in scope (edit)': () => put('value', { ...GANJA, value: 41, comment: 'düzəliş' }, 1),
	'value in scope (delete)': () => del('value', GANJA.id, 1),
	'value out of scope (new)': () => put('value', YASAMAL_NEW),
	'value out of scope (edit)': () => put('value', { ...YASAMAL, value: 7 }, 2),
	'value out of scope (delete)': () => del('value', YASAMAL.id, 2),
	'value moved out of scope': () => put('value', { ...GANJA, locationId: 'dist-yasamal' }, 1),
	indicator: () =>
		put('indicator', { ...INDICATOR, name: { ...INDICATOR?.name, en: 'Renamed' } } as never),
	location: () => put('location', { ...DASHKASAN }),
	setting: () => put('setting', { id: SUPPRESSION_SETTING_ID, value: 10 })
};

/** What each role may do: `true` applied, or the start of the refusal reason. */
const EXPECTED: Record<Actor['role'], Record<Kind, true | string>> = {
	coordinator: {
		'value in scope (new)': true,
		'value in scope (edit)': true,
		'value in scope (delete)': true,
		'value out of scope (new)': true,
		'value out of scope (edit)': true,
		'value out of scope (delete)': true,
		// Not a matter of scope: no one moves a value, its id names its cell (validate.ts).
		'value moved out of scope': 'locationId: a value cannot move to another place',
		indicator: true,
		location: true,
		setting: true
	},
	caseworker: {
		'value in scope (new)': true,
		'value in scope (edit)': true,
		'value in scope (delete)': true,
		'value out of scope (new)': `locationId: ${CASEWORKER_SCOPE}`,
		'value out of scope (edit)': `locationId: ${CASEWORKER_SCOPE}`,
		'value out of scope (delete)': `locationId: ${CASEWORKER_SCOPE}`,
		'value moved out of scope': `locationId: ${CASEWORKER_SCOPE}`,
		indicator: 'entity: only the coordinator may change indicators',
		location: 'entity: only the coordinator may change places',
		setting: "entity: only the coordinator may change the working group's settings"
	},
	member: Object.fromEntries(
		Object.keys(KINDS).map((k) => [
			k,
			'your account (working group member) reads data and does not change it'
		])
	) as Record<Kind, string>,
	admin: Object.fromEntries(
		Object.keys(KINDS).map((k) => [
			k,
			'your account manages users and devices and does not change data'
		])
	) as Record<Kind, string>
};

describeStores('who may write what', (db) => {
	for (const role of ['coordinator', 'caseworker', 'member', 'admin'] as const) {
		it(`${role}: each kind of write, inside and outside scope`, async () => {
			for (const [kind, make] of Object.entries(KINDS) as [Kind, () => Omit<Mutation, 'seq'>][]) {
				const expected = EXPECTED[role][kind];
				const store = await seeded(db().store);
				const before = await snapshot(store);
				const answer = await push(store, TEST_ACTORS[role], `${role}-tablet`, [make()]);
				const result = answer.results[0];
				const label = `${role} × ${kind}`;
				expect(answer.lastSeq, label).toBe(1);
				if (expected === true) {
					expect(result?.outcome, `${label}: ${result?.reason}`).toMatch(/applied|merged/);
					const after = await snapshot(store);
					expect(after.records.length, label).toBeGreaterThanOrEqual(before.records.length);
					expect(after.audit.length, label).toBe(before.audit.length + 1);
				} else {
					expect(result?.outcome, label).toBe('rejected');
					expect(result?.reason, label).toContain(expected);
					// Nothing of it written; the device's counter moved on so its queue is not stuck.
					expect(await snapshot(store), label).toEqual(before);
					const device = await store.get<{ last_seq: number; user_id: string }>(
						'SELECT last_seq, user_id FROM devices WHERE device_id = $1',
						[`${role}-tablet`]
					);
					expect(device, label).toEqual({ last_seq: 1, user_id: TEST_ACTORS[role].userId });
				}
				await store.exec(
					store.dialect === 'sqlite'
						? 'DELETE FROM audit; DELETE FROM records; DELETE FROM devices; DELETE FROM mutation_log; DELETE FROM conflicts; UPDATE sync_revision SET rev = 0'
						: 'TRUNCATE audit, records, devices, mutation_log, conflicts; UPDATE sync_revision SET rev = 0'
				);
			}
		});
	}

	it('writes an audit row for every applied change: who, device, old → new', async () => {
		const store = await seeded(db().store);
		await push(store, TEST_ACTORS.caseworker, 'cw-tab', [
			put('value', { ...GANJA, value: 99, comment: 'yeni' }, 1),
			del('value', GANJA.id, 3)
		]);
		const rows = await store.all<{
			user_id: string;
			device_id: string;
			entity: string;
			entity_id: string;
			action: string;
			old_data: string | null;
			new_data: string | null;
		}>(
			`SELECT user_id, device_id, entity, entity_id, action, old_data, new_data FROM audit
			WHERE entity_id = $1 ORDER BY id`,
			[GANJA.id]
		);
		expect(rows.map((r) => [r.user_id, r.device_id, r.action])).toEqual([
			['test-coordinator', 'seed-tablet', 'create'],
			['test-caseworker', 'cw-tab', 'update'],
			['test-caseworker', 'cw-tab', 'delete']
		]);
		expect(JSON.parse(rows[1]?.old_data ?? '{}')).toMatchObject({ value: GANJA.value });
		expect(JSON.parse(rows[1]?.new_data ?? '{}')).toMatchObject({ value: 99, comment: 'yeni' });
		expect(rows[2]?.new_data).toBeNull();
	});

	it('refuses a device id that another user pushed from, and a revoked one', async () => {
		const store = await seeded(db().store);
		await expect(
			push(store, TEST_ACTORS.caseworker, 'seed-tablet', [put('value', GANJA_NEW)])
		).rejects.toMatchObject({ status: 403, body: { field: 'deviceId' } });
		await store.run(`UPDATE devices SET revoked_at = $1`, ['2026-11-23T10:00:00.000Z']);
		await expect(
			push(store, TEST_ACTORS.coordinator, 'seed-tablet', [put('value', GANJA_NEW)])
		).rejects.toMatchObject({ status: 403 });
	});
});

describeStores('who may read what', (db) => {
	async function pullAll(store: Store, actor: Actor): Promise<PullResponse['changes']> {
		const scope = await scopeFor(store, actor);
		const changes: PullResponse['changes'] = [];
		let cursor = 0;
		for (;;) {
			const page = await pullChanges(store, cursor, 2, scope);
			changes.push(...page.changes);
			cursor = page.cursor;
			if (!page.hasMore) return changes;
		}
	}

	it('a caseworker pulling never receives another place’s values, paging included', async () => {
		const store = await seeded(db().store);
		await push(store, TEST_ACTORS.coordinator, 'seed-tablet', [
			put('value', YASAMAL_NEW),
			put('location', { ...DASHKASAN }),
			put('value', GANJA_NEW)
		]);
		const changes = await pullAll(store, TEST_ACTORS.caseworker);
		expect(changes.map((c) => c.entityId)).toEqual([GANJA.id, DASHKASAN.id, GANJA_NEW.id]);
		const everything = await pullAll(store, TEST_ACTORS.coordinator);
		expect(everything).toHaveLength(5);
		// What is left after a page counts only what the caseworker may see (3 changes, not 5).
		const page = await pullChanges(store, 0, 1, await scopeFor(store, TEST_ACTORS.caseworker));
		expect(page).toMatchObject({ hasMore: true, remaining: 2 });
	});

	it('every page names the scope it was read under, which changes with the places or the role', async () => {
		const store = await seeded(db().store);
		const key = async (actor: Actor) =>
			(await pullChanges(store, 0, 10, await scopeFor(store, actor))).scope;
		const caseworker = await key(TEST_ACTORS.caseworker);
		expect(caseworker).toMatch(/^[\w-]{16}$/);
		expect(await key(TEST_ACTORS.caseworker)).toBe(caseworker);
		expect(await key({ ...TEST_ACTORS.caseworker, locationIds: ['reg-baku'] })).not.toBe(
			caseworker
		);
		expect(await key({ ...TEST_ACTORS.caseworker, role: 'member' })).not.toBe(caseworker);
		expect(await key(TEST_ACTORS.member)).not.toBe(await key(TEST_ACTORS.coordinator));
	});

	it('a member gets values without their free-text comment; the catalogue goes to everyone', async () => {
		const store = await seeded(db().store);
		const changes = await pullAll(store, TEST_ACTORS.member);
		expect(changes).toHaveLength(2);
		for (const change of changes) {
			expect(change.data).toMatchObject({ comment: '' });
		}
		const coordinator = await pullAll(store, TEST_ACTORS.coordinator);
		expect(coordinator[0]?.data).toMatchObject({ comment: 'Ailə ilə görüşüldü' });
	});

	it("the coordinator's small-count threshold reaches every role's device, and nobody else can set it", async () => {
		const store = await seeded(db().store);
		const set = await push(store, TEST_ACTORS.coordinator, 'seed-tablet', [
			put('setting', { id: SUPPRESSION_SETTING_ID, value: 10 })
		]);
		expect(set.results[0]?.outcome).toBe('applied');
		for (const role of ['coordinator', 'caseworker', 'member', 'admin'] as const) {
			const settings = (await pullAll(store, TEST_ACTORS[role])).filter(
				(c) => c.entity === 'setting'
			);
			expect(
				settings.map((c) => c.data),
				role
			).toEqual([{ id: SUPPRESSION_SETTING_ID, value: 10 }]);
		}
		const refused = await push(store, TEST_ACTORS.coordinator, 'seed-tablet', [
			put('setting', { id: SUPPRESSION_SETTING_ID, value: 0 }, 3)
		]);
		expect(refused.results[0]).toMatchObject({
			outcome: 'rejected',
			reason: 'value: value must be a whole number from 1 to 100'
		});
	});

	it('the audit API shows a record’s history only to those who may see the record', async () => {
		const store = await withAccounts(db().store);
		const api = apiOn(store);
		const coordinator = await api.signIn('coordinator');
		const caseworker = await api.signIn('caseworker');
		const member = await api.signIn('member');
		const body = (m: Omit<Mutation, 'seq'>[], device: string) => ({
			protocol: PROTOCOL_VERSION,
			schema: CLIENT_SCHEMA_VERSION,
			deviceId: device,
			mutations: m.map((x, i) => ({ ...x, seq: i + 1 }))
		});
		const pushed = await api.call('POST', '/api/sync/push', {
			cookie: coordinator,
			json: body([put('value', GANJA), put('value', YASAMAL)], 'coord-tab')
		});
		expect(pushed.status).toBe(200);
		const history = (who: string, id: string) =>
			api.call('GET', `/api/audit?entity=value&id=${encodeURIComponent(id)}`, { cookie: who });
		const seen = await history(caseworker, GANJA.id);
		expect(seen.status).toBe(200);
		expect(await seen.json()).toMatchObject({
			lines: [
				{
					action: 'create',
					userId: 'demo-coordinator',
					userName: 'Leyla Əliyeva',
					deviceId: 'coord-tab'
				}
			]
		});
		const hidden = await history(caseworker, YASAMAL.id);
		expect(hidden.status).toBe(404);
		const forMember = (await (await history(member, GANJA.id)).json()) as {
			lines: { new: { comment: string } }[];
		};
		expect(forMember.lines[0]?.new.comment).toBe('');
		// The caseworker's own pull over HTTP: values of Ganja only.
		const pulled = await api.call(
			'GET',
			`/api/sync/pull?after=0&limit=100&protocol=${PROTOCOL_VERSION}&schema=${CLIENT_SCHEMA_VERSION}`,
			{ cookie: caseworker }
		);
		const { changes } = (await pulled.json()) as PullResponse;
		expect(changes.map((c) => c.entityId)).toEqual([GANJA.id]);
	});
});
