import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { openOldDevice, useFreshDb } from '../../../tests/factories/local-db';
import { SEED_MEASURES } from '$lib/domain/seed/measures';
import { CLIENT_SCHEMA_VERSION } from '$lib/domain/sync/protocol';
import { YolDatabase } from './database';
import { saveMeasure, saveMeasureNote } from './roadmap';

let db: YolDatabase;
useFreshDb((fresh) => (db = fresh));

const NOTE = {
	id: 'note-x',
	measureId: 'measure-1-1',
	date: '2026-04-02',
	text: 'Qanun layihəsi hazırlanıb.',
	lang: 'az' as const,
	authorName: 'Aysel',
	organisationId: 'org-sms',
	createdAt: '2026-04-02T08:00:00.000Z'
};

describe('saving roadmap records on the device', () => {
	it('keeps a note, its outbox entry and its history line together', async () => {
		const saved = await saveMeasureNote(db, NOTE, 'tablet');
		expect(saved).toMatchObject({
			ok: true,
			changed: true,
			record: { syncState: 'local', rev: 0 }
		});
		const [entry] = await db.outbox.toArray();
		expect(entry).toMatchObject({ entity: 'measureNote', entityId: 'note-x', baseRev: 0 });
		expect(await db.history.where('entityId').equals('note-x').count()).toBe(1);
	});

	it('sends only the fields an edit changed, and nothing when nothing changed', async () => {
		const measure = SEED_MEASURES[0]!;
		await saveMeasure(db, measure, 'tablet');
		const edited = await saveMeasure(db, { ...measure, status: 'done' }, 'tablet');
		expect(edited.ok && edited.changed).toBe(true);
		expect((await db.outbox.toArray()).at(-1)?.changed).toEqual(['status']);
		const same = await saveMeasure(db, { ...measure, status: 'done' }, 'tablet');
		expect(same.ok && same.changed).toBe(false);
		expect(await db.outbox.count()).toBe(2);
	});

	it('refuses an invalid record, names the field and writes nothing', async () => {
		const saved = await saveMeasureNote(db, { ...NOTE, text: ' ' }, 'tablet');
		expect(saved).toEqual({ ok: false, problems: [{ field: 'text', message: 'text is empty' }] });
		expect(await db.measureNotes.count()).toBe(0);
		expect(await db.outbox.count()).toBe(0);
	});
});

describe('database version 2', () => {
	it('opens a version 1 database with its data and outbox intact, and adds the roadmap tables', async () => {
		const name = `v1-${crypto.randomUUID()}`;
		const old = await openOldDevice(name, 1);
		await old.table('meta').put({ key: 'pull_cursor', value: 42 });
		await old.table('outbox').add({ mutationId: 'm1', entity: 'value', entityId: 'v1' });
		old.close();

		const upgraded = new YolDatabase(name);
		await upgraded.open();
		expect(upgraded.verno).toBe(CLIENT_SCHEMA_VERSION);
		expect((await upgraded.meta.get('pull_cursor'))?.value).toBe(42);
		expect(await upgraded.outbox.count()).toBe(1);
		expect(await upgraded.measures.count()).toBe(0);
		upgraded.close();
		await Dexie.delete(name);
	});
});
