import { expect, it, vi } from 'vitest';
import type { Rule } from '../../src/lib/domain/rules/schema';
import {
	CLIENT_SCHEMA_VERSION,
	PROTOCOL_VERSION,
	type Mutation,
	type PullResponse,
	type PushResponse
} from '../../src/lib/domain/sync/protocol';
import { apiOn, withAccounts } from '../factories/api';
import { describeStores } from './stores';

vi.setConfig({ testTimeout: 60_000 });

// Validation rules travel as 'rule' records through the sync API, like the catalogue: the
// coordinator writes them, the server checks them with the devices' own schema, everyone pulls them.

const ENROLLED_AT_MOST_SCHOOL_AGE: Rule = {
	id: 'rule-e5-le-e6',
	indicatorId: 'ind-e5',
	kind: 'at_most',
	expression: '#{E6}',
	percent: null,
	note: 'enrolled ≤ school-age',
	active: true
};

let counter = 0;
const put = (
	data: Record<string, unknown> & { id: string },
	baseRev = 0
): Omit<Mutation, 'seq'> => ({
	mutationId: `rule-m-${++counter}`,
	entity: 'rule',
	entityId: data.id,
	op: 'put',
	baseRev,
	changed: Object.keys(data).filter((k) => k !== 'id'),
	data
});

describeStores('validation rules through the sync API', (db) => {
	async function setUp() {
		const store = await withAccounts(db().store);
		const api = apiOn(store);
		const seqs = new Map<string, number>();
		const push = async (cookie: string, device: string, mutations: Omit<Mutation, 'seq'>[]) => {
			const first = seqs.get(device) ?? 1;
			seqs.set(device, first + mutations.length);
			const response = await api.call('POST', '/api/sync/push', {
				cookie,
				json: {
					protocol: PROTOCOL_VERSION,
					schema: CLIENT_SCHEMA_VERSION,
					deviceId: device,
					mutations: mutations.map((m, i) => ({ ...m, seq: first + i }))
				}
			});
			expect(response.status).toBe(200);
			return ((await response.json()) as PushResponse).results;
		};
		const rules = async (cookie: string) => {
			const response = await api.call(
				'GET',
				`/api/sync/pull?after=0&limit=1000&protocol=${PROTOCOL_VERSION}&schema=${CLIENT_SCHEMA_VERSION}`,
				{ cookie }
			);
			expect(response.status).toBe(200);
			const { changes } = (await response.json()) as PullResponse;
			return changes.filter((c) => c.entity === 'rule');
		};
		return { store, api, push, rules };
	}

	it('the coordinator defines a rule; every role pulls it; a change takes a new revision', async () => {
		const { api, push, rules } = await setUp();
		const coordinator = await api.signIn('coordinator');
		const [applied] = await push(coordinator, 'coord-tab', [put(ENROLLED_AT_MOST_SCHOOL_AGE)]);
		expect(applied).toMatchObject({ outcome: 'applied' });
		for (const who of ['coordinator', 'caseworker', 'member', 'admin']) {
			const pulled = await rules(await api.signIn(who));
			expect(
				pulled.map((c) => c.data),
				who
			).toEqual([ENROLLED_AT_MOST_SCHOOL_AGE]);
		}
		const [edited] = await push(coordinator, 'coord-tab', [
			put({ ...ENROLLED_AT_MOST_SCHOOL_AGE, active: false }, applied!.rev)
		]);
		expect(edited).toMatchObject({ outcome: 'applied' });
		expect(edited!.rev).toBeGreaterThan(applied!.rev!);
		const [now] = await rules(coordinator);
		expect(now?.data).toMatchObject({ active: false });
	});

	it('only the coordinator writes rules; a refusal stores nothing', async () => {
		const { store, api, push } = await setUp();
		for (const [who, reason] of [
			['caseworker', 'entity: only the coordinator may change validation rules'],
			['member', 'reads data and does not change it'],
			['admin', 'manages users and devices and does not change data']
		] as const) {
			const [result] = await push(await api.signIn(who), `${who}-tab`, [
				put(ENROLLED_AT_MOST_SCHOOL_AGE)
			]);
			expect(result?.outcome, who).toBe('rejected');
			expect(result?.reason, who).toContain(reason);
		}
		expect(await store.all(`SELECT id FROM records WHERE entity = 'rule'`)).toEqual([]);
	});

	it('refuses a rule the shared schema or the catalogue rejects, naming the field', async () => {
		const { store, api, push } = await setUp();
		const coordinator = await api.signIn('coordinator');
		const cases: [Record<string, unknown> & { id: string }, string][] = [
			[{ ...ENROLLED_AT_MOST_SCHOOL_AGE, id: 'r-a', expression: '#{E6' }, 'expression: '],
			[
				{ ...ENROLLED_AT_MOST_SCHOOL_AGE, id: 'r-b', kind: 'change', expression: '' },
				'percent: percent is required for a change rule'
			],
			[{ ...ENROLLED_AT_MOST_SCHOOL_AGE, id: 'r-c', kind: 'often' }, 'kind: kind must be one of'],
			[
				{ ...ENROLLED_AT_MOST_SCHOOL_AGE, id: 'r-d', indicatorId: 'ind-none' },
				'indicatorId: there is no indicator ind-none'
			],
			[
				{ ...ENROLLED_AT_MOST_SCHOOL_AGE, id: 'r-e', indicatorId: 'ind-e7' },
				'indicatorId: E7 is computed'
			],
			[
				{ ...ENROLLED_AT_MOST_SCHOOL_AGE, id: 'r-f', kind: 'cells_sum', indicatorId: 'ind-h2' },
				'kind: H2 is not split into cells'
			]
		];
		const results = await push(
			coordinator,
			'coord-tab',
			cases.map(([data]) => put(data))
		);
		for (const [i, [, reason]] of cases.entries()) {
			expect(results[i]?.outcome, reason).toBe('rejected');
			expect(results[i]?.reason, reason).toContain(reason);
		}
		expect(await store.all(`SELECT id FROM records WHERE entity = 'rule'`)).toEqual([]);
	});
});
