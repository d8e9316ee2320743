import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { useFreshDb } from '../../../tests/factories/local-db';
import { valueId } from '$lib/domain/value-id';
import type { LocalValue, YolDatabase } from './database';
import { currentValues, importStates, saveImport, undoImport, type ImportWrite } from './imports';
import { allValues, packValues } from './value-packs';
import { saveValue } from './values';

let db: YolDatabase;
useFreshDb((fresh) => (db = fresh));

const H2 = 'ind-h2';
const target = (locationId: string, period = '2025Q3') => ({
	id: valueId(H2, locationId, period, 'total'),
	indicatorId: H2,
	locationId,
	period,
	cell: 'total'
});

function pulled(locationId: string, value: number): LocalValue {
	return {
		...target(locationId),
		value,
		comment: 'from the server',
		updatedAt: '2026-09-01T00:00:00.000Z',
		updatedBy: 'server',
		rev: 4,
		deleted: false,
		syncState: 'synced'
	};
}

async function seed() {
	await db.transaction('rw', db.values, db.valuePacks, () =>
		packValues(db, [pulled('dist-ganja', 10)])
	);
	await saveValue(
		db,
		{ ...target('dist-dashkasan'), value: 3, comment: 'typed' },
		'ana',
		new Date('2026-10-01T00:00:00Z')
	);
	await db.outbox.clear(); // as if the typed value had synced
	await db.values.update(target('dist-dashkasan').id, { syncState: 'synced', rev: 2 });
}

const rows: ImportWrite[] = [
	{ target: target('dist-ganja'), value: 11, comment: 'from the server' },
	{ target: target('dist-dashkasan'), value: 5, comment: 'typed' },
	{ target: target('dist-goygol'), value: 7, comment: '' }
];

describe('saving an import on the device', () => {
	it('writes every row with its outbox entry and history line in one go, from each value’s base', async () => {
		await seed();
		const saved = await saveImport(db, rows, 'ana', 'q3.xlsx');
		expect(saved.written).toBe(3);
		const outbox = await db.outbox.toArray();
		expect(outbox.map((e) => [e.entityId, e.baseRev, e.changed])).toEqual([
			[target('dist-ganja').id, 4, ['value']],
			[target('dist-dashkasan').id, 2, ['value']],
			[target('dist-goygol').id, 0, ['value', 'comment']]
		]);
		const current = await currentValues(db, [target('dist-ganja')]);
		expect([...current.values()].map((v) => v.value).sort()).toEqual([11, 5, 7].sort());
		expect(await db.history.count()).toBe(4); // the typed save, then three import lines
		expect((await importStates(db)).map((s) => s.waiting)).toEqual([3]);
	});

	it('leaves out a row that already holds what the file says', async () => {
		await seed();
		const saved = await saveImport(db, [{ ...rows[0]!, value: 10 }, rows[2]!], 'ana', 'q3.csv');
		expect(saved.written).toBe(1);
		expect(await db.outbox.count()).toBe(1);
	});

	it('undoes the whole import until it syncs, putting every value back where it was', async () => {
		await seed();
		const before = (await allValues(db)).sort((a, b) => a.id.localeCompare(b.id));
		const saved = await saveImport(db, rows, 'ana', 'q3.xlsx');
		expect(await undoImport(db, saved.record.id, 'ana')).toEqual({ ok: true, restored: 3 });
		expect(await db.outbox.count()).toBe(0);
		expect((await allValues(db)).sort((a, b) => a.id.localeCompare(b.id))).toEqual(before);
		// The packed value went back into its pack, not into the device's own edits.
		expect(await db.values.get(target('dist-ganja').id)).toBeUndefined();
		expect(await importStates(db)).toEqual([]);
	});

	it('refuses to undo once a change has been sent, or when a value was edited since', async () => {
		await seed();
		const sent = await saveImport(db, rows, 'ana', 'a.xlsx');
		await db.outbox.delete((await db.outbox.toCollection().first())!.seq!);
		expect(await undoImport(db, sent.record.id, 'ana')).toEqual({ ok: false, reason: 'sent' });
		expect((await importStates(db))[0]?.waiting).toBe(2);

		await db.outbox.clear();
		const edited = await saveImport(db, [{ ...rows[2]!, value: 9 }], 'ana', 'b.xlsx');
		await saveValue(db, { ...target('dist-goygol'), value: 8, comment: '' }, 'ana');
		expect(await undoImport(db, edited.record.id, 'ana')).toEqual({ ok: false, reason: 'edited' });
		expect(await db.outbox.count()).toBe(2);
	});
});
