import { expect, it } from 'vitest';
import type { Actor } from '../../src/lib/domain/auth';
import type { IndicatorValue } from '../../src/lib/domain/indicators';
import { generateDemoValues } from '../../src/lib/domain/seed/demo-values';
import { SEED_LOCATIONS } from '../../src/lib/domain/seed/locations';
import type { ConflictRecord } from '../../src/lib/domain/sync/conflict';
import {
	CLIENT_SCHEMA_VERSION,
	PROTOCOL_VERSION,
	type Mutation,
	type PullResponse,
	type PushResponse
} from '../../src/lib/domain/sync/protocol';
import { migrate } from '../../src/lib/server/db/migrate';
import { migrations } from '../../src/lib/server/db/migrations';
import type { Store } from '../../src/lib/server/db/store';
import { handlePull } from '../../src/lib/server/sync/http';
import { applyPush } from '../../src/lib/server/sync/push';
import { describeStores } from './stores';

/**
 * Who made a change is who the session says (issue #23): a tablet writes its user's username,
 * or anything at all, into `updatedBy`; the server records the user id, so the conflicts two
 * caseworkers make reach both of them, named, and their resolution clears both tablets.
 */

const SAMPLE: IndicatorValue = {
	...generateDemoValues({
		locations: SEED_LOCATIONS.filter((l) => l.id === 'az' || l.id === 'dist-yasamal'),
		from: '2026-01-01',
		to: '2026-01-31'
	}).find((v) => v.cell === 'total' && v.value !== null)!,
	comment: '',
	rev: 0
};

function caseworker(userId: string, username: string, name: string): Actor {
	return {
		userId,
		username,
		name,
		organisation: 'State Migration Service, Ganja regional office',
		role: 'caseworker',
		language: 'az',
		locationIds: null
	};
}

const TURAL = caseworker('cw-tural', 'caseworker', 'Tural Quliyev');
const AYTAN = caseworker('cw-aytan', 'caseworker2', 'Aytən Məmmədova');

let counter = 0;

function put(seq: number, value: number, updatedBy: string, baseRev: number): Mutation {
	return {
		seq,
		mutationId: `a-${++counter}`,
		entity: 'value',
		entityId: SAMPLE.id,
		op: 'put',
		baseRev,
		changed: ['value'],
		data: { ...SAMPLE, value, updatedBy, rev: baseRev }
	};
}

function push(
	store: Store,
	who: Actor,
	deviceId: string,
	mutations: Mutation[],
	deviceName?: string
): Promise<PushResponse> {
	return applyPush(
		store,
		{
			protocol: PROTOCOL_VERSION,
			schema: CLIENT_SCHEMA_VERSION,
			deviceId,
			...(deviceName ? { deviceName } : {}),
			mutations
		},
		who
	);
}

async function pullAs(store: Store, actor: Actor, after = 0): Promise<PullResponse> {
	const url = new URL(
		`http://yol.test/api/sync/pull?after=${after}&protocol=${PROTOCOL_VERSION}&schema=${CLIENT_SCHEMA_VERSION}`
	);
	const response = await handlePull(url, { store, bodyLimit: 1_000_000, actor });
	return (await response.json()) as PullResponse;
}

const conflictsIn = (pull: PullResponse) =>
	pull.changes.filter((c) => c.entity === 'conflict').map((c) => c.data as ConflictRecord);

async function addUser(store: Store, actor: Actor): Promise<void> {
	const at = new Date().toISOString();
	await store.run(
		`INSERT INTO users (id, username, name, organisation, role, language, location_ids,
			password_hash, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, NULL, 'x', $7, $7)`,
		[actor.userId, actor.username, actor.name, actor.organisation, actor.role, actor.language, at]
	);
}

/** Two caseworkers' tablets edit one value from revision 1; both write usernames as their app did. */
async function clash(store: Store) {
	await migrate(store);
	await addUser(store, TURAL);
	await addUser(store, AYTAN);
	await push(store, TURAL, 'tab-t', [put(1, 10, 'caseworker', 0)], 'Ganja office tablet 1');
	await push(store, TURAL, 'tab-t', [put(2, 21, 'caseworker', 1)], 'Ganja office tablet 1');
	const set = await push(store, AYTAN, 'tab-a', [put(1, 22, 'caseworker2', 1)], 'Ganja tablet 2');
	expect(set.results[0]).toMatchObject({ outcome: 'conflict' });
	return set.results[0]!.conflictId!;
}

describeStores('sync authors', (db) => {
	it('records the session user as updatedBy, whatever the device sends', async () => {
		const store = db().store;
		await migrate(store);
		await push(store, TURAL, 'tab-t', [put(1, 10, 'someone-else', 0)]);
		const pulled = await pullAs(store, TURAL);
		const value = pulled.changes.find((c) => c.entity === 'value');
		expect(value?.data).toMatchObject({ value: 10, updatedBy: 'cw-tural' });
		const audit = await store.get<{ user_id: string }>('SELECT user_id FROM audit');
		expect(audit?.user_id).toBe('cw-tural');
	});

	it('sends the conflict to both caseworkers, each side named with its person and tablet', async () => {
		const store = db().store;
		const conflictId = await clash(store);
		for (const who of [TURAL, AYTAN]) {
			const [conflict] = conflictsIn(await pullAs(store, who));
			expect(conflict?.id).toBe(conflictId);
			expect(conflict).toMatchObject({
				yours: {
					value: 22,
					by: 'cw-aytan',
					byName: 'Aytən Məmmədova',
					byOrganisation: 'State Migration Service, Ganja regional office',
					deviceId: 'tab-a',
					deviceName: 'Ganja tablet 2'
				},
				theirs: {
					value: 21,
					by: 'cw-tural',
					byName: 'Tural Quliyev',
					deviceId: 'tab-t',
					deviceName: 'Ganja office tablet 1'
				},
				resolvedAt: null
			});
		}
		const device = await store.get<{ device_name: string }>(
			"SELECT device_name FROM devices WHERE device_id = 'tab-a'"
		);
		expect(device?.device_name).toBe('Ganja tablet 2');
		// A third caseworker of the same places wrote neither version: not theirs to see.
		const other = caseworker('cw-third', 'caseworker3', 'Third');
		expect(conflictsIn(await pullAs(store, other))).toEqual([]);
	});

	it('keeps the language each side’s comment was typed in (issue #20)', async () => {
		const store = db().store;
		await migrate(store);
		await addUser(store, TURAL);
		await addUser(store, AYTAN);
		const commented = (seq: number, baseRev: number, comment: string, commentLang: string) => ({
			...put(seq, 10 + seq, 'x', baseRev),
			changed: ['value', 'comment'],
			data: { ...SAMPLE, value: 10 + seq, comment, commentLang, rev: baseRev }
		});
		await push(store, TURAL, 'tab-t', [commented(1, 0, 'Ailə köçüb', 'az')]);
		await push(store, TURAL, 'tab-t', [commented(2, 1, 'Ailə qayıdıb', 'az')]);
		const set = await push(store, AYTAN, 'tab-a', [commented(1, 1, 'Семья вернулась', 'ru')]);
		expect(set.results[0]).toMatchObject({ outcome: 'conflict' });
		const [conflict] = conflictsIn(await pullAs(store, TURAL));
		expect(conflict).toMatchObject({
			yours: { comment: 'Семья вернулась', commentLang: 'ru' },
			theirs: { comment: 'Ailə qayıdıb', commentLang: 'az' }
		});
		const value = (await pullAs(store, AYTAN)).changes.find((c) => c.entity === 'value');
		expect(value?.data).toMatchObject({ comment: 'Ailə qayıdıb', commentLang: 'az' });
	});

	it('brings the resolution made on the second tablet to the first', async () => {
		const store = db().store;
		const conflictId = await clash(store);
		const seen = await pullAs(store, TURAL);
		const resolved = await push(store, AYTAN, 'tab-a', [
			{ ...put(2, 22, 'caseworker2', 2), resolves: { conflictId, choice: 'yours' } }
		]);
		expect(resolved.results[0]).toMatchObject({ outcome: 'applied' });
		const next = await pullAs(store, TURAL, seen.cursor);
		expect(conflictsIn(next)).toMatchObject([
			{ id: conflictId, resolution: 'yours', resolvedBy: 'cw-aytan', resolvedValue: 22 }
		]);
		expect(next.changes.find((c) => c.entity === 'value')?.data).toMatchObject({
			value: 22,
			updatedBy: 'cw-aytan'
		});
	});

	it('migration 6 gives usernames stored before it their user ids, and resends conflicts', async () => {
		const store = db().store;
		await migrate(
			store,
			migrations.filter((m) => m.id < 6)
		);
		await addUser(store, TURAL);
		await addUser(store, AYTAN);
		const at = '2026-11-01T10:00:00.000Z';
		const value = { ...SAMPLE, value: 21, updatedBy: 'caseworker', rev: 2 };
		const side = (by: string, v: number, deviceId: string) => ({
			value: v,
			comment: '',
			by,
			at,
			deviceId,
			rev: 1
		});
		const conflict = {
			id: 'c-1',
			entity: 'value',
			entityId: SAMPLE.id,
			indicatorId: SAMPLE.indicatorId,
			locationId: SAMPLE.locationId,
			period: SAMPLE.period,
			cell: SAMPLE.cell,
			fields: ['value'],
			yours: side('caseworker2', 22, 'tab-a'),
			theirs: side('caseworker', 21, 'tab-t'),
			createdAt: at,
			resolvedAt: at,
			resolvedBy: 'caseworker2',
			resolution: 'yours',
			resolvedValue: 22
		};
		const insert = `INSERT INTO records
			(entity, id, rev, deleted, data, field_revs, location_id, updated_at, updated_by_device)
			VALUES ($1, $2, $3, false, $4, '{}', $5, $6, 'tab-t')`;
		await store.run(insert, ['value', SAMPLE.id, 2, JSON.stringify(value), SAMPLE.locationId, at]);
		await store.run(insert, [
			'conflict',
			'c-1',
			3,
			JSON.stringify(conflict),
			SAMPLE.locationId,
			at
		]);
		// A value typed before accounts, by a device id: no user has that name, it stays.
		const old = { ...value, id: 'v-old', updatedBy: 'device-1234' };
		await store.run(insert, ['value', 'v-old', 4, JSON.stringify(old), SAMPLE.locationId, at]);
		await store.run('UPDATE sync_revision SET rev = 4 WHERE id = 1');
		await store.run(
			`INSERT INTO conflicts (id, entity, entity_id, base_rev, server_rev, fields, yours, theirs,
				device_id, created_at, resolved_at, resolution, resolved_by)
			VALUES ('c-1', 'value', $1, 1, 2, '["value"]', $2, $3, 'tab-a', $4, $4, 'yours', 'caseworker2')`,
			[
				SAMPLE.id,
				JSON.stringify({ ...value, value: 22, updatedBy: 'caseworker2' }),
				JSON.stringify(value),
				at
			]
		);

		// Migration 6 alone: those after it are not its concern.
		expect(
			(
				await migrate(
					store,
					migrations.filter((m) => m.id <= 6)
				)
			).applied
		).toEqual([6]);

		const records = await store.all<{ entity: string; id: string; rev: number; data: unknown }>(
			'SELECT entity, id, rev, data FROM records ORDER BY rev'
		);
		const data = (id: string) => {
			const row = records.find((r) => r.id === id)!;
			return typeof row.data === 'string' ? JSON.parse(row.data) : row.data;
		};
		expect(data(SAMPLE.id)).toMatchObject({ updatedBy: 'cw-tural' });
		expect(data('v-old')).toMatchObject({ updatedBy: 'device-1234' });
		expect(data('c-1')).toMatchObject({
			yours: { by: 'cw-aytan', byName: 'Aytən Məmmədova', value: 22 },
			theirs: { by: 'cw-tural', byName: 'Tural Quliyev', value: 21 },
			resolvedBy: 'cw-aytan'
		});
		// The conflict moved past every device's cursor: a caseworker who skipped it pulls it now.
		expect(records.find((r) => r.id === 'c-1')!.rev).toBe(5);
		const counter = await store.get<{ rev: number }>('SELECT rev FROM sync_revision WHERE id = 1');
		expect(Number(counter?.rev)).toBe(5);
		expect(conflictsIn(await pullAs(store, TURAL, 4)).map((c) => c.id)).toEqual(['c-1']);
		const row = await store.get<{ resolved_by: string; yours: unknown }>(
			"SELECT resolved_by, yours FROM conflicts WHERE id = 'c-1'"
		);
		expect(row?.resolved_by).toBe('cw-aytan');
		const yours = typeof row?.yours === 'string' ? JSON.parse(row.yours) : row?.yours;
		expect(yours).toMatchObject({ updatedBy: 'cw-aytan' });
	});
});
