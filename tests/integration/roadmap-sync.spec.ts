import 'fake-indexeddb/auto';
import { afterEach, expect, it } from 'vitest';
import { YolDatabase } from '../../src/lib/db/database';
import {
	saveMeasure,
	saveMeasureNote,
	saveMeeting,
	saveOrganisation
} from '../../src/lib/db/roadmap';
import { SEED_MEASURES } from '../../src/lib/domain/seed/measures';
import type { MeasureNote } from '../../src/lib/domain/measures';
import type { Meeting } from '../../src/lib/domain/meetings';
import { SEED_MEETINGS } from '../../src/lib/domain/seed/meetings';
import { SEED_ORGANISATIONS } from '../../src/lib/domain/seed/organisations';
import {
	CLIENT_SCHEMA_VERSION,
	PROTOCOL_VERSION,
	type Mutation
} from '../../src/lib/domain/sync/protocol';
import { migrate } from '../../src/lib/server/db/migrate';
import type { Store } from '../../src/lib/server/db/store';
import { seedDemoRoadmap } from '../../src/lib/server/demo';
import { handlePull, handlePush } from '../../src/lib/server/sync/http';
import { applyPush } from '../../src/lib/server/sync/push';
import { syncOnce } from '../../src/lib/sync/engine';
import { fetchTransport, type SyncTransport } from '../../src/lib/sync/transport';
import { COORDINATOR } from '../factories/actors';
import { describeStores } from './stores';

/**
 * The roadmap's records through the whole sync path on each store: a device saves a note on a
 * measure and a meeting offline, pushes them, and a second device pulls them; records the server
 * must refuse come back rejected with the field at fault.
 */

const opened: YolDatabase[] = [];

afterEach(async () => {
	for (const db of opened.splice(0)) {
		db.close();
		await YolDatabase.delete(db.name);
	}
});

function transportTo(store: Store): SyncTransport {
	const context = { store, bodyLimit: 10_000_000, actor: COORDINATOR };
	return fetchTransport((request, init) => {
		const url = new URL(String(request), 'http://yol.test');
		return url.pathname.endsWith('/push')
			? handlePush(new Request(url, init), context)
			: handlePull(url, context);
	});
}

async function device(): Promise<YolDatabase> {
	const db = new YolDatabase(`roadmap-${crypto.randomUUID()}`);
	await db.open();
	opened.push(db);
	return db;
}

const NOTE: MeasureNote = {
	id: 'note-test-1',
	measureId: 'measure-1-4',
	date: '2026-10-12',
	text: 'Moldova ilə readmissiya sazişi üzrə növbəti danışıqlar aparılıb.',
	lang: 'az',
	authorName: 'Aysel Məmmədova',
	organisationId: 'org-sms',
	createdAt: '2026-10-12T09:30:00.000Z'
};

const MEETING: Meeting = {
	...SEED_MEETINGS[0]!,
	id: 'meeting-integration-4',
	number: 4,
	date: '2026-11-20',
	decisions: [
		{
			id: 'd-1',
			text: { az: '', en: 'Draft the housing guide', ru: '' },
			ownerId: 'org-unhcr',
			dueDate: '2027-03-31',
			status: 'open',
			measureId: null
		},
		{
			id: 'd-2',
			text: { az: 'Əmək bazarı üzrə seminar keçirmək', en: '', ru: '' },
			ownerId: 'org-labour',
			dueDate: null,
			status: 'open',
			measureId: 'measure-3-3'
		}
	]
};

function mutation<T extends { id: string }>(
	seq: number,
	entity: Mutation['entity'],
	data: T
): Mutation {
	return {
		seq,
		mutationId: `m-${crypto.randomUUID()}`,
		entity,
		entityId: data.id,
		op: 'put',
		baseRev: 0,
		changed: Object.keys(data),
		data
	};
}

describeStores('roadmap sync', (db) => {
	it('a note on a measure and a meeting saved on one device reach another', async () => {
		const store = db().store;
		await migrate(store);
		const seeded = await seedDemoRoadmap(store);
		expect(seeded?.rows).toMatchObject({
			organisation: SEED_ORGANISATIONS.length,
			measure: 8,
			meeting: 2
		});
		expect(await seedDemoRoadmap(store)).toBeUndefined();
		const net = transportTo(store);

		const a = await device();
		await syncOnce(a, net, 'tablet-a');
		expect(await a.measures.count()).toBe(8);
		expect((await saveMeasureNote(a, NOTE, 'tablet-a')).ok).toBe(true);
		expect((await saveMeeting(a, MEETING, 'tablet-a')).ok).toBe(true);
		expect(await a.outbox.count()).toBe(2);
		const summary = await syncOnce(a, net, 'tablet-a');
		expect(summary).toMatchObject({ pushed: 2, rejected: 0, conflicts: 0 });
		expect(await a.outbox.count()).toBe(0);
		expect((await a.measureNotes.get(NOTE.id))?.syncState).toBe('synced');

		const b = await device();
		await syncOnce(b, net, 'tablet-b');
		expect(await b.measureNotes.get(NOTE.id)).toMatchObject({ ...NOTE, syncState: 'synced' });
		const meeting = await b.meetings.get(MEETING.id);
		expect(meeting?.decisions.map((d) => [d.id, d.ownerId, d.measureId])).toEqual([
			['d-1', 'org-unhcr', null],
			['d-2', 'org-labour', 'measure-3-3']
		]);
		expect(meeting?.syncState).toBe('synced');
	});

	it('rejects a note or a meeting the server cannot accept, naming the field', async () => {
		const store = db().store;
		await migrate(store);
		await seedDemoRoadmap(store);
		const response = await applyPush(
			store,
			{
				protocol: PROTOCOL_VERSION,
				schema: CLIENT_SCHEMA_VERSION,
				deviceId: 'tablet-c',
				mutations: [
					mutation(1, 'measureNote', { ...NOTE, id: 'n-bad-date', date: '12.10.2026' }),
					mutation(2, 'measureNote', { ...NOTE, id: 'n-no-measure', measureId: 'measure-9-9' }),
					mutation(3, 'meeting', {
						...MEETING,
						decisions: [{ ...MEETING.decisions[0]!, ownerId: 'org-nowhere' }]
					}),
					mutation(4, 'meeting', { ...MEETING, agenda: [], number: 0 }),
					mutation(5, 'measureNote', NOTE)
				]
			},
			COORDINATOR
		);
		const reasons = response.results.map((r) => [r.outcome, r.reason?.split(':')[0]]);
		expect(reasons).toEqual([
			['rejected', 'date'],
			['rejected', 'measureId'],
			['rejected', 'decisions.0.ownerId'],
			['rejected', 'number'],
			['applied', undefined]
		]);
		expect(response.results[1]?.reason).toBe('measureId: there is no measure measure-9-9');
	});

	it('an organisation added and renamed offline reaches another device, and measures may name it', async () => {
		const store = db().store;
		await migrate(store);
		await seedDemoRoadmap(store);
		const net = transportTo(store);
		const a = await device();
		await syncOnce(a, net, 'tablet-a');

		const redCrescent = {
			id: 'org-red-crescent',
			name: {
				az: 'Azərbaycan Qızıl Aypara Cəmiyyəti',
				en: 'Red Crescent Society of Azerbaijan',
				ru: ''
			},
			shortName: { az: '', en: 'AzRCS', ru: '' }
		};
		expect((await saveOrganisation(a, redCrescent, 'tablet-a')).ok).toBe(true);
		const renamed = { ...redCrescent, shortName: { az: 'AQAC', en: 'AzRCS', ru: 'ОКПА' } };
		expect(await saveOrganisation(a, renamed, 'tablet-a')).toMatchObject({
			ok: true,
			changed: true
		});
		// A name another body already has is refused on the device, before anything is queued.
		const copy = {
			id: 'org-copy',
			name: { az: '', en: 'Another society', ru: '' },
			shortName: { az: '', en: 'azrcs', ru: '' }
		};
		expect(await saveOrganisation(a, copy, 'tablet-a')).toMatchObject({
			ok: false,
			problems: [{ field: 'shortName.en' }]
		});
		const measure = { ...SEED_MEASURES[0]!, responsibleBodyIds: ['org-sms', redCrescent.id] };
		expect((await saveMeasure(a, measure, 'tablet-a')).ok).toBe(true);
		expect(await syncOnce(a, net, 'tablet-a')).toMatchObject({ pushed: 3, rejected: 0 });

		const b = await device();
		await syncOnce(b, net, 'tablet-b');
		expect(await b.organisations.get(redCrescent.id)).toMatchObject({
			...renamed,
			syncState: 'synced'
		});
		expect((await b.measures.get(measure.id))?.responsibleBodyIds).toEqual([
			'org-sms',
			redCrescent.id
		]);
	});

	it('refuses the second of two bodies added offline under one name, naming the field', async () => {
		const store = db().store;
		await migrate(store);
		await seedDemoRoadmap(store);
		const net = transportTo(store);
		const a = await device();
		const b = await device();
		await syncOnce(a, net, 'tablet-a');
		await syncOnce(b, net, 'tablet-b');
		const body = (id: string, en: string) => ({
			id,
			name: { az: '', en, ru: '' },
			shortName: { az: '', en: 'AzRCS', ru: '' }
		});
		expect((await saveOrganisation(a, body('org-rc-a', 'Red Crescent'), 'tablet-a')).ok).toBe(true);
		expect(
			(await saveOrganisation(b, body('org-rc-b', 'Red Crescent Society'), 'tablet-b')).ok
		).toBe(true);
		expect(await syncOnce(a, net, 'tablet-a')).toMatchObject({ pushed: 1, rejected: 0 });
		expect(await syncOnce(b, net, 'tablet-b')).toMatchObject({ pushed: 0, rejected: 1 });
		expect(await b.organisations.get('org-rc-b')).toMatchObject({
			syncState: 'rejected',
			rejectReason: expect.stringContaining('shortName.en')
		});
		// The server keeps the first; the refused one never reaches anyone else.
		const c = await device();
		await syncOnce(c, net, 'tablet-c');
		expect(await c.organisations.get('org-rc-a')).toBeDefined();
		expect(await c.organisations.get('org-rc-b')).toBeUndefined();
	});
});
