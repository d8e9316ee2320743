import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openOldDevice, useFreshDb } from '../../../tests/factories/local-db';
import { YolDatabase } from '$lib/db/database';
import type { MappingAnswer } from '$lib/domain/exchange/api';
import { emptyMapping } from '$lib/domain/exchange/mapping';
import { CLIENT_SCHEMA_VERSION } from '$lib/domain/sync/protocol';
import { fetchMapping, localMapping, saveMapping } from './api';

let db: YolDatabase;
useFreshDb((fresh) => {
	db = fresh;
});
afterEach(() => vi.unstubAllGlobals());

const ANSWER: MappingAnswer = {
	mapping: {
		...emptyMapping(),
		orgUnits: [{ locationId: 'dist-ganja', orgUnit: 'DiszpKrYNg8' }]
	},
	version: 3,
	updatedAt: '2026-12-01T10:00:00.000Z',
	updatedBy: 'Leyla Mammadova'
};

function answering(status: number, body: unknown) {
	const fetch = vi.fn(async () =>
		Response.json(body, { status, headers: { 'content-type': 'application/json' } })
	);
	vi.stubGlobal('fetch', fetch);
	return fetch;
}

describe('the DHIS2 mapping on the device', () => {
	it('keeps what the server answered, for exports made offline later', async () => {
		answering(200, ANSWER);
		expect(await fetchMapping(db)).toEqual({ ok: true, value: ANSWER });
		vi.stubGlobal(
			'fetch',
			vi.fn(async () => {
				throw new TypeError('Failed to fetch');
			})
		);
		expect(await fetchMapping(db)).toEqual({ ok: false, failure: { kind: 'offline' } });
		expect(await localMapping(db)).toEqual(ANSWER);
	});

	it('sends a save with the version it was edited from', async () => {
		const fetch = answering(200, { ...ANSWER, version: 4 });
		const result = await saveMapping(db, { mapping: ANSWER.mapping, baseVersion: 3 });
		expect(result.ok && result.value.version).toBe(4);
		const [, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
		expect(init.method).toBe('PUT');
		expect(JSON.parse(String(init.body))).toEqual({ mapping: ANSWER.mapping, baseVersion: 3 });
		expect((await localMapping(db))?.version).toBe(4);
	});

	it("keeps another coordinator's newer mapping when a save comes too late", async () => {
		answering(409, { error: 'saved since', field: 'baseVersion', current: ANSWER });
		const result = await saveMapping(db, { mapping: emptyMapping(), baseVersion: 2 });
		expect(result).toEqual({
			ok: false,
			failure: { kind: 'stale', error: 'saved since', current: ANSWER }
		});
		expect(await localMapping(db)).toEqual(ANSWER);
	});

	it('passes on the field the server names in a refusal, and keeps nothing', async () => {
		const problems = [{ field: 'mapping.orgUnits.0.orgUnit', message: 'must start with a letter' }];
		answering(400, { error: 'refused', field: problems[0]!.field, problems });
		const result = await saveMapping(db, { mapping: ANSWER.mapping, baseVersion: 0 });
		expect(result).toEqual({
			ok: false,
			failure: {
				kind: 'refused',
				status: 400,
				error: 'refused',
				field: problems[0]!.field,
				problems
			}
		});
		expect(await localMapping(db)).toBeUndefined();
	});
});

describe('database version 15', () => {
	it('opens a version 13 database with its imports and values, and an empty mapping copy', async () => {
		const name = `v13-${crypto.randomUUID()}`;
		const v6 = await openOldDevice(name, 6);
		v6.close();
		// Versions 7 and 13 as they shipped (database.ts), on top of the factory's version 6.
		const v13 = new Dexie(name);
		v13.version(6).stores({
			indicators: 'id, &code, area',
			locations: 'id, parentId',
			values: 'id, [indicatorId+period+locationId], rejectReason',
			outbox: '++seq, entityId',
			history: '++id, entityId',
			meta: 'key',
			organisations: 'id',
			measures: 'id, chapter',
			measureNotes: 'id, measureId, date',
			meetings: 'id, date',
			conflicts: 'id, entityId',
			settings: 'id'
		});
		v13.version(7).stores({ valuePacks: '[indicatorId+period]' });
		v13.version(13).stores({ imports: 'id, at' });
		await v13.open();
		await v13
			.table('imports')
			.put({ id: 'imp-1', at: '2026-12-01', by: 'u', fileName: 'a.xlsx', values: [] });
		v13.close();

		const upgraded = new YolDatabase(name);
		await upgraded.open();
		expect(upgraded.verno).toBe(CLIENT_SCHEMA_VERSION);
		expect((await upgraded.imports.get('imp-1'))?.fileName).toBe('a.xlsx');
		expect(await upgraded.exchangeMappings.count()).toBe(0);
		upgraded.close();
		await YolDatabase.delete(name);
	});
});
