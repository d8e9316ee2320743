import { expect, it, vi } from 'vitest';
import type { Actor } from '../../src/lib/domain/auth';
import type { IndicatorValue } from '../../src/lib/domain/indicators';
import {
	CLIENT_SCHEMA_VERSION,
	PROTOCOL_VERSION,
	type Mutation,
	type PullResponse
} from '../../src/lib/domain/sync/protocol';
import { migrate } from '../../src/lib/server/db/migrate';
import { getMeta } from '../../src/lib/server/db/meta';
import type { Store } from '../../src/lib/server/db/store';
import { handlePull } from '../../src/lib/server/sync/http';
import { pullChanges, scopeFor } from '../../src/lib/server/sync/pull';
import { applyPush } from '../../src/lib/server/sync/push';
import { TEST_ACTORS } from '../factories/actors';
import { GANJA, GANJA_NEW, YASAMAL } from '../factories/scoped-values';
import { describeStores } from './stores';

vi.setConfig({ testTimeout: 60_000 });

/**
 * The HTTP pull answers from a page cache shared by everyone of a scope (pull-cache.ts) and
 * writes the stored JSON as it is (pull.ts): it must answer exactly what pullChanges answers for
 * that user, never a page older than the server's head, never another scope's page, and never a
 * conflict the user may not see, even from a page another user's request put in the cache.
 */

/** A second caseworker of the same region: same scope, another person. */
const OTHER_CASEWORKER: Actor = { ...TEST_ACTORS.caseworker, userId: 'test-caseworker-2' };

let counter = 0;
async function push(
	store: Store,
	actor: Actor,
	device: string,
	data: IndicatorValue,
	baseRev: number,
	changed: string[]
) {
	const before = await store.get<{ last_seq: number }>(
		'SELECT last_seq FROM devices WHERE device_id = $1',
		[device]
	);
	const mutation: Mutation = {
		seq: (before?.last_seq ?? 0) + 1,
		mutationId: `m-${++counter}`,
		entity: 'value',
		entityId: data.id,
		op: 'put',
		baseRev,
		changed,
		data
	};
	const answer = await applyPush(
		store,
		{
			protocol: PROTOCOL_VERSION,
			schema: CLIENT_SCHEMA_VERSION,
			deviceId: device,
			mutations: [mutation]
		},
		actor
	);
	return answer.results[0];
}

async function httpPull(store: Store, actor: Actor, after: number, limit = 100) {
	const url = new URL(
		`http://yol.test/api/sync/pull?after=${after}&limit=${limit}&protocol=${PROTOCOL_VERSION}&schema=${CLIENT_SCHEMA_VERSION}`
	);
	const response = await handlePull(url, { store, bodyLimit: 1_000_000, actor });
	expect(response.status).toBe(200);
	expect(response.headers.get('content-type')).toBe('application/json');
	expect(response.headers.get('cache-control')).toBe('no-store');
	return (await response.json()) as PullResponse;
}

/** pullChanges' page, and the server's epoch (migration 010) that every HTTP answer adds. */
async function direct(store: Store, actor: Actor, after: number, limit = 100) {
	const { canSeeConflict } = await import('../../src/lib/domain/sync/conflict');
	const page = await pullChanges(store, after, limit, await scopeFor(store, actor), (change) =>
		change.entity !== 'conflict' || change.data === null
			? true
			: canSeeConflict(actor, change.data as never)
	);
	const epoch = await getMeta(store, 'epoch');
	expect(epoch).toMatch(/^[0-9a-f-]{36}$/);
	return { ...page, epoch };
}

describeStores('pulls over HTTP, from the page cache', (db) => {
	async function seeded(): Promise<Store> {
		const store = db().store;
		await migrate(store);
		const coordinator = TEST_ACTORS.coordinator;
		expect(await push(store, coordinator, 'seed-tablet', GANJA, 0, [])).toMatchObject({
			outcome: 'applied'
		});
		expect(await push(store, coordinator, 'seed-tablet', YASAMAL, 0, [])).toMatchObject({
			outcome: 'applied'
		});
		return store;
	}

	it('answers what pullChanges answers, for every role, and again from the cache', async () => {
		const store = await seeded();
		for (const actor of Object.values(TEST_ACTORS)) {
			for (const [after, limit] of [
				[0, 100],
				[0, 1],
				[1, 1]
			] as const) {
				const expected = await direct(store, actor, after, limit);
				expect(await httpPull(store, actor, after, limit), actor.role).toEqual(expected);
				expect(await httpPull(store, actor, after, limit), `${actor.role}, cached`).toEqual(
					expected
				);
			}
		}
		// A member's copy has no comment; the coordinator's keeps it (same revision, same cursor).
		const member = await httpPull(store, TEST_ACTORS.member, 0);
		expect(member.changes.map((c) => (c.data as IndicatorValue).comment)).toEqual(['', '']);
		const coordinator = await httpPull(store, TEST_ACTORS.coordinator, 0);
		expect(coordinator.changes.map((c) => (c.data as IndicatorValue).comment)).toEqual([
			GANJA.comment,
			YASAMAL.comment
		]);
	});

	it('never answers from a page older than the head: a change pushed after a pull comes next', async () => {
		const store = await seeded();
		const first = await httpPull(store, TEST_ACTORS.coordinator, 0);
		expect(first).toMatchObject({ cursor: 2, hasMore: false });
		await push(store, TEST_ACTORS.coordinator, 'seed-tablet', GANJA_NEW, 0, []);
		const again = await httpPull(store, TEST_ACTORS.coordinator, 0);
		expect(again.changes.map((c) => c.entityId)).toEqual([GANJA.id, YASAMAL.id, GANJA_NEW.id]);
		expect(await httpPull(store, TEST_ACTORS.coordinator, 2)).toMatchObject({
			cursor: 3,
			changes: [{ rev: 3, entityId: GANJA_NEW.id }]
		});
	});

	it('never gives a caseworker the page cached for a coordinator', async () => {
		const store = await seeded();
		expect((await httpPull(store, TEST_ACTORS.coordinator, 0)).changes).toHaveLength(2);
		const caseworker = await httpPull(store, TEST_ACTORS.caseworker, 0);
		expect(caseworker.changes.map((c) => c.entityId)).toEqual([GANJA.id]);
		expect(caseworker).toEqual(await direct(store, TEST_ACTORS.caseworker, 0));
	});

	it('sends a conflict only to its authors and coordinators, from a page shared by the scope', async () => {
		const store = await seeded();
		const caseworker = TEST_ACTORS.caseworker;
		// A conflict's authors are the people its two versions name (updatedBy).
		const mine = { ...GANJA, value: 41, updatedBy: caseworker.userId };
		const edited = await push(store, caseworker, 'cw-tab', mine, 1, ['value']);
		expect(edited).toMatchObject({ outcome: 'applied' });
		const clash = await push(
			store,
			TEST_ACTORS.coordinator,
			'seed-tablet',
			{ ...GANJA, value: 50, updatedBy: TEST_ACTORS.coordinator.userId },
			1,
			['value']
		);
		expect(clash).toMatchObject({ outcome: 'conflict' });
		const entities = (page: PullResponse) => page.changes.map((c) => c.entity);
		// The author's request fills the cache; the other caseworker of the region reads that page.
		const author = await httpPull(store, caseworker, 2);
		expect(entities(author)).toContain('conflict');
		const other = await httpPull(store, OTHER_CASEWORKER, 2);
		expect(entities(other)).not.toContain('conflict');
		expect(other.cursor).toBe(author.cursor);
		expect(other).toEqual(await direct(store, OTHER_CASEWORKER, 2));
		expect(entities(await httpPull(store, TEST_ACTORS.coordinator, 2))).toContain('conflict');
	});
});
