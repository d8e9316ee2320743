import { expect, it } from 'vitest';
import type { Actor } from '../../src/lib/domain/auth';
import type { IndicatorValue } from '../../src/lib/domain/indicators';
import { generateDemoValues } from '../../src/lib/domain/seed/demo-values';
import { SEED_LOCATIONS } from '../../src/lib/domain/seed/locations';
import type { ConflictRecord, Resolves } from '../../src/lib/domain/sync/conflict';
import {
	CLIENT_SCHEMA_VERSION,
	PROTOCOL_VERSION,
	type Mutation,
	type PullResponse,
	type PushResponse
} from '../../src/lib/domain/sync/protocol';
import { migrate } from '../../src/lib/server/db/migrate';
import type { Store } from '../../src/lib/server/db/store';
import { handlePull } from '../../src/lib/server/sync/http';
import { pullChanges } from '../../src/lib/server/sync/pull';
import { applyPush } from '../../src/lib/server/sync/push';
import { COORDINATOR } from '../factories/actors';
import { describeStores } from './stores';

/** Conflicts on the server: kept, pulled by who may see them, resolved once, replayed safely. */

const SAMPLE: IndicatorValue = {
	...generateDemoValues({
		locations: SEED_LOCATIONS.filter((l) => l.id === 'az' || l.id === 'dist-yasamal'),
		from: '2026-01-01',
		to: '2026-01-31'
	}).find((v) => v.cell === 'total' && v.value !== null)!,
	comment: '',
	rev: 0
};

let counter = 0;

function put(
	seq: number,
	change: Partial<IndicatorValue>,
	baseRev: number,
	changed: string[] = ['value'],
	resolves?: Resolves
): Mutation {
	return {
		seq,
		mutationId: `m-${++counter}`,
		entity: 'value',
		entityId: SAMPLE.id,
		op: 'put',
		baseRev,
		changed,
		data: { ...SAMPLE, ...change, rev: baseRev },
		...(resolves ? { resolves } : {})
	};
}

/** Pushes as `who`: by default the author the changes name (ana, bob), a caseworker of every place. */
function push(
	store: Store,
	deviceId: string,
	mutations: Mutation[],
	who: Actor = authorOf(mutations)
): Promise<PushResponse> {
	return applyPush(
		store,
		{ protocol: PROTOCOL_VERSION, schema: CLIENT_SCHEMA_VERSION, deviceId, mutations },
		who
	);
}

function authorOf(mutations: Mutation[]): Actor {
	const by = (mutations[0]?.data as { updatedBy?: unknown } | undefined)?.updatedBy;
	return typeof by === 'string' && by !== 'coordinator' ? actor('caseworker', by) : COORDINATOR;
}

async function conflictChanges(store: Store) {
	const { changes } = await pullChanges(store, 0, 5000);
	return changes.filter((c) => c.entity === 'conflict');
}

async function pullAs(store: Store, actor: Actor): Promise<PullResponse> {
	const url = new URL(
		`http://yol.test/api/sync/pull?after=0&protocol=${PROTOCOL_VERSION}&schema=${CLIENT_SCHEMA_VERSION}`
	);
	const response = await handlePull(url, { store, bodyLimit: 1_000_000, actor });
	return (await response.json()) as PullResponse;
}

function actor(role: Actor['role'], userId: string): Actor {
	return {
		userId,
		username: userId,
		name: userId,
		organisation: 'SMS',
		role,
		language: 'en',
		locationIds: null
	};
}

/** ana's 21 kept, bob's 22 set aside, both from ana's 10 at revision 1. */
async function clash(store: Store) {
	await migrate(store);
	await push(store, 'dev-a', [put(1, { value: 10, updatedBy: 'ana' }, 0, ['value', 'comment'])]);
	const kept = await push(store, 'dev-a', [put(2, { value: 21, updatedBy: 'ana' }, 1)]);
	const set = await push(store, 'dev-b', [put(1, { value: 22, updatedBy: 'bob' }, 1)]);
	expect(kept.results[0]).toMatchObject({ outcome: 'applied', rev: 2 });
	expect(set.results[0]).toMatchObject({ outcome: 'conflict' });
	return { conflictId: set.results[0]!.conflictId!, keptRev: 2 };
}

describeStores('sync conflicts', (db) => {
	it('sends a conflict to its authors and coordinators, with both versions', async () => {
		const store = db().store;
		const { conflictId } = await clash(store);
		const [change] = await conflictChanges(store);
		expect(change).toMatchObject({ entity: 'conflict', entityId: conflictId, rev: 3 });
		expect(change!.data).toMatchObject({
			id: conflictId,
			entityId: SAMPLE.id,
			locationId: SAMPLE.locationId,
			fields: ['value'],
			yours: { value: 22, by: 'bob', deviceId: 'dev-b', rev: 1 },
			theirs: { value: 21, by: 'ana', deviceId: 'dev-a', rev: 2 },
			resolvedAt: null
		} satisfies Partial<Record<keyof ConflictRecord, unknown>>);

		const sees = async (who: Actor) =>
			(await pullAs(store, who)).changes.some((c) => c.entity === 'conflict');
		expect(await sees(actor('caseworker', 'bob'))).toBe(true);
		expect(await sees(actor('caseworker', 'ana'))).toBe(true);
		expect(await sees(actor('coordinator', 'zoe'))).toBe(true);
		expect(await sees(actor('caseworker', 'eve'))).toBe(false);
		expect(await sees(actor('member', 'unhcr'))).toBe(false);
		// Left out after reading (not an author), but passed: the cursor still moves beyond it.
		// (A member's pull leaves conflicts out in SQL already: they never reach its cursor.)
		expect((await pullAs(store, actor('caseworker', 'eve'))).cursor).toBe(3);
	});

	it('resolves a conflict from a third device in the same transaction as the value', async () => {
		const store = db().store;
		const { conflictId, keptRev } = await clash(store);
		const answer = await push(store, 'dev-c', [
			put(1, { value: 25, updatedBy: 'zoe' }, keptRev, ['value'], { conflictId, choice: 'other' })
		]);
		expect(answer.results[0]).toEqual({ seq: 1, outcome: 'applied', rev: 4 });
		const row = await store.get<Record<string, unknown>>('SELECT * FROM conflicts WHERE id = $1', [
			conflictId
		]);
		expect(row).toMatchObject({
			resolution: 'other',
			resolved_by: 'zoe',
			resolved_device: 'dev-c',
			resolved_rev: 4
		});
		expect(row?.resolved_at).not.toBeNull();
		const { changes } = await pullChanges(store, keptRev, 100);
		expect(changes.map((c) => [c.entity, c.rev])).toEqual([
			['value', 4],
			['conflict', 5]
		]);
		expect(changes[0]!.data).toMatchObject({ value: 25 });
		expect(changes[1]!.data).toMatchObject({
			resolution: 'other',
			resolvedBy: 'zoe',
			resolvedValue: 25
		});
	});

	it('answers a second resolution clearly and changes nothing, and replays each exactly once', async () => {
		const store = db().store;
		const { conflictId, keptRev } = await clash(store);
		const first = [
			put(2, { value: 22, updatedBy: 'bob' }, keptRev, ['value'], { conflictId, choice: 'yours' })
		];
		const second = [
			put(3, { value: 21, updatedBy: 'ana' }, keptRev, ['value'], { conflictId, choice: 'theirs' })
		];
		expect((await push(store, 'dev-b', first)).results[0]).toMatchObject({
			outcome: 'applied',
			rev: 4
		});
		const late = await push(store, 'dev-a', second);
		expect(late.results[0]).toMatchObject({ seq: 3, outcome: 'rejected' });
		expect(late.results[0]!.reason).toMatch(
			/^resolves: this conflict was already resolved \(yours\) by bob at .+; their choice stands$/
		);
		expect(late.lastSeq).toBe(3);

		const snapshot = async () => ({
			conflicts: await store.all('SELECT * FROM conflicts ORDER BY id'),
			records: await store.all('SELECT entity, id, rev, data FROM records ORDER BY rev'),
			log: await store.all('SELECT * FROM mutation_log ORDER BY device_id, seq')
		});
		const before = await snapshot();
		expect(before.conflicts).toHaveLength(1);

		// Both pushes again (replies lost): the same answers, nothing written twice.
		expect((await push(store, 'dev-b', first)).results[0]).toEqual({
			seq: 2,
			outcome: 'duplicate',
			rev: 4
		});
		expect((await push(store, 'dev-a', second)).results[0]).toEqual(late.results[0]);
		expect(await snapshot()).toEqual(before);
		const [change] = await conflictChanges(store);
		expect(change!.data).toMatchObject({ resolution: 'yours', resolvedBy: 'bob' });
	});

	it('refuses a conflict pushed as a record and a resolution of an unknown conflict', async () => {
		const store = db().store;
		const { conflictId } = await clash(store);
		const answer = await push(store, 'dev-c', [
			{
				seq: 1,
				mutationId: 'direct',
				entity: 'conflict',
				entityId: conflictId,
				op: 'put',
				baseRev: 3,
				changed: ['resolvedAt'],
				data: {}
			},
			put(2, { value: 1 }, 2, ['value'], { conflictId: 'no-such-conflict', choice: 'other' })
		]);
		expect(answer.results.map((r) => r.outcome)).toEqual(['rejected', 'rejected']);
		expect(answer.results[0]!.reason).toMatch(/^entity: /);
		expect(answer.results[1]!.reason).toMatch(/^resolves: there is no conflict no-such-conflict/);
	});
});
