import { expect, it, vi } from 'vitest';
import type { MappingAnswer } from '../../src/lib/domain/exchange/api';
import { emptyMapping, type ExchangeMapping } from '../../src/lib/domain/exchange/mapping';
import { auditOf } from '../../src/lib/server/auth/audit';
import { apiOn, dumpTables, withAccounts } from '../factories/api';
import { describeStores } from './stores';

// Sign-in hashes passwords with Argon2id, slow on purpose.
vi.setConfig({ testTimeout: 60_000 });

const PATH = '/api/exchange/mapping';

const MAPPING: ExchangeMapping = {
	...emptyMapping(),
	dataSet: 'pBOMPrpg1QX',
	dataElements: [
		{
			indicatorId: 'ind-h1',
			cell: 'total',
			dataElement: 'fbfJHSPpUQD',
			categoryOptionCombo: 'HllvX50cXC0'
		}
	],
	orgUnits: [{ locationId: 'reg-ganja-dashkasan', orgUnit: 'DiszpKrYNg8' }]
};

describeStores('the DHIS2 mapping API', (db) => {
	it('starts empty, takes a coordinator’s mapping, and gives it to everyone signed in', async () => {
		const store = await withAccounts(db().store);
		const api = apiOn(store);
		const coordinator = await api.signIn('coordinator', undefined, 'tab-coord');
		const first = await api.call('GET', PATH, { cookie: coordinator });
		expect(first.status).toBe(200);
		expect(await first.json()).toEqual({
			mapping: emptyMapping(),
			version: 0,
			updatedAt: null,
			updatedBy: null
		});

		const saved = await api.call('PUT', PATH, {
			cookie: coordinator,
			json: { mapping: MAPPING, baseVersion: 0 }
		});
		expect(saved.status).toBe(200);
		const expected: MappingAnswer = {
			mapping: MAPPING,
			version: 1,
			updatedAt: '2026-11-23T10:00:00.000Z',
			updatedBy: 'Leyla Əliyeva'
		};
		expect(await saved.json()).toEqual(expected);

		for (const user of ['member', 'caseworker']) {
			const cookie = await api.signIn(user);
			const read = await api.call('GET', PATH, { cookie });
			expect(read.status, user).toBe(200);
			expect(await read.json()).toEqual(expected);
		}
	});

	it('writes an audit line per save with who, the tablet, and old → new', async () => {
		const store = await withAccounts(db().store);
		const api = apiOn(store);
		const cookie = await api.signIn('coordinator', undefined, 'tab-coord');
		await api.call('PUT', PATH, { cookie, json: { mapping: MAPPING, baseVersion: 0 } });
		const changed = { ...MAPPING, dataSet: '' };
		const second = await api.call('PUT', PATH, {
			cookie,
			json: { mapping: changed, baseVersion: 1 }
		});
		expect(second.status).toBe(200);
		const lines = await auditOf(store, 'exchange-mapping', 'dhis2');
		expect(lines.map((l) => [l.action, l.userId, l.deviceId, l.userName])).toEqual([
			['create', 'demo-coordinator', 'tab-coord', 'Leyla Əliyeva'],
			['update', 'demo-coordinator', 'tab-coord', 'Leyla Əliyeva']
		]);
		expect(lines[0]?.old).toBeNull();
		expect(lines[0]?.new).toEqual(MAPPING);
		expect(lines[1]?.old).toEqual(MAPPING);
		expect(lines[1]?.new).toEqual(changed);
	});

	it('refuses a save by anyone but the coordinator with 403, changing nothing', async () => {
		const store = await withAccounts(db().store);
		const api = apiOn(store);
		const before = await dumpTables(store, ['sessions', 'devices', 'login_throttle']);
		for (const user of ['caseworker', 'member', 'admin']) {
			const cookie = await api.signIn(user);
			const refused = await api.call('PUT', PATH, {
				cookie,
				json: { mapping: MAPPING, baseVersion: 0 }
			});
			expect(refused.status, user).toBe(403);
			expect(((await refused.json()) as { error: string }).error).toContain('coordinator');
		}
		expect(await dumpTables(store, ['sessions', 'devices', 'login_throttle'])).toEqual(before);
	});

	it('refuses a bad mapping with 400 at the field, in words a person can act on', async () => {
		const store = await withAccounts(db().store);
		const api = apiOn(store);
		const cookie = await api.signIn('coordinator');
		const cases: { body: unknown; field: string; error: string }[] = [
			{
				body: {
					mapping: {
						...MAPPING,
						orgUnits: [{ locationId: 'reg-ganja-dashkasan', orgUnit: 'DiszpKrYNg' }]
					},
					baseVersion: 0
				},
				field: 'mapping.orgUnits.0.orgUnit',
				error: 'mapping.orgUnits.0.orgUnit: orgUnit must be 11 characters long, not 10'
			},
			{
				body: {
					mapping: { ...MAPPING, dataElements: [MAPPING.dataElements[0], MAPPING.dataElements[0]] },
					baseVersion: 0
				},
				field: 'mapping.dataElements.1.cell',
				error:
					'mapping.dataElements.1.cell: cell total of this indicator is already mapped in row 1'
			},
			{ body: { mapping: MAPPING }, field: 'baseVersion', error: 'baseVersion is missing' },
			{
				body: { mapping: MAPPING, baseVersion: -1 },
				field: 'baseVersion',
				error: 'baseVersion must not be negative'
			},
			{
				body: { mapping: { ...MAPPING, id: 'other' }, baseVersion: 0 },
				field: 'mapping.id',
				error: 'mapping.id: id must be dhis2'
			}
		];
		for (const { body, field, error } of cases) {
			const refused = await api.call('PUT', PATH, { cookie, json: body });
			expect(refused.status, field).toBe(400);
			expect(await refused.json()).toMatchObject({ field, error });
		}
		const notJson = await api.call('PUT', PATH, { cookie, json: [1, 2] });
		expect(notJson.status).toBe(400);
		const read = (await (await api.call('GET', PATH, { cookie })).json()) as MappingAnswer;
		expect(read.version).toBe(0);
	});

	it('refuses a save edited from an older version with 409 and the current mapping', async () => {
		const store = await withAccounts(db().store);
		const api = apiOn(store);
		const cookie = await api.signIn('coordinator');
		await api.call('PUT', PATH, { cookie, json: { mapping: MAPPING, baseVersion: 0 } });
		const stale = await api.call('PUT', PATH, {
			cookie,
			json: { mapping: { ...MAPPING, orgUnits: [] }, baseVersion: 0 }
		});
		expect(stale.status).toBe(409);
		const body = (await stale.json()) as { field: string; current: MappingAnswer; error: string };
		expect(body.field).toBe('baseVersion');
		expect(body.error).toContain('Leyla Əliyeva saved the mapping since you opened it');
		expect(body.current.mapping).toEqual(MAPPING);
		expect(body.current.version).toBe(1);
	});

	it('needs a session', async () => {
		const api = apiOn(await withAccounts(db().store));
		expect((await api.call('GET', PATH)).status).toBe(401);
	});
});
