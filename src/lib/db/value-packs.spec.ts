import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { useFreshDb } from '../../../tests/factories/local-db';
import type { LocalValue, YolDatabase } from './database';
import {
	allValues,
	claimValue,
	edgeSlice,
	findValue,
	packValues,
	unpackValues,
	valuesInRange,
	valuesInSlices
} from './value-packs';
import { saveValue, valuesForCell } from './values';
import { valueId } from '$lib/domain/value-id';

let db: YolDatabase;
useFreshDb((fresh) => (db = fresh));

function pulled(locationId: string, period: string, value: number | null, rev = 1): LocalValue {
	return {
		id: valueId('ind-h1', locationId, period, 'total'),
		indicatorId: 'ind-h1',
		locationId,
		period,
		cell: 'total',
		value,
		comment: '',
		updatedAt: '2026-09-01T00:00:00.000Z',
		updatedBy: 'server',
		rev,
		deleted: false,
		syncState: 'synced'
	};
}

const inTx = <T>(work: () => Promise<T>) => db.transaction('rw', db.values, db.valuePacks, work);

describe('value packs', () => {
	it('packs pulled values by indicator and period, and an older copy never replaces a newer one', async () => {
		await inTx(() =>
			packValues(db, [
				pulled('dist-a', '2026-01', 1, 5),
				pulled('dist-b', '2026-01', 2),
				pulled('dist-a', '2026-02', 3)
			])
		);
		await inTx(() => packValues(db, [pulled('dist-a', '2026-01', 99, 4)]));
		expect(await db.valuePacks.count()).toBe(2);
		const january = await valuesInSlices(db, [['ind-h1', '2026-01']]);
		expect(january.map((v) => [v.locationId, v.value]).sort()).toEqual([
			['dist-a', 1],
			['dist-b', 2]
		]);
	});

	it('shows an edit made on this device over the packed copy, and the edit moves the value out of its pack', async () => {
		await inTx(() =>
			packValues(db, [pulled('dist-a', '2026-01', 1), pulled('dist-b', '2026-01', 2)])
		);
		const saved = await saveValue(
			db,
			{
				indicatorId: 'ind-h1',
				locationId: 'dist-a',
				period: '2026-01',
				cell: 'total',
				value: 10,
				comment: 'counted again'
			},
			'caseworker'
		);
		expect(saved).toMatchObject({ value: 10, syncState: 'local', rev: 1 });
		const pack = await db.valuePacks.get(['ind-h1', '2026-01']);
		expect(Object.keys(pack!.values)).toEqual([pulled('dist-b', '2026-01', 2).id]);
		expect(await valuesForCell(db, 'ind-h1', 'dist-a', '2026-01')).toEqual([saved]);
		expect(await allValues(db)).toHaveLength(2);
	});

	it('leaves a value in its pack when a save changes nothing', async () => {
		const value = pulled('dist-a', '2026-01', 1);
		await inTx(() => packValues(db, [value]));
		await saveValue(
			db,
			{
				indicatorId: 'ind-h1',
				locationId: 'dist-a',
				period: '2026-01',
				cell: 'total',
				value: 1,
				comment: ''
			},
			'caseworker'
		);
		expect(await db.values.count()).toBe(0);
		expect(await findValue(db, value)).toEqual(value);
	});

	it('drops an emptied pack, and a claimed value is returned once and no longer packed', async () => {
		const a = pulled('dist-a', '2026-01', 1);
		const b = pulled('dist-b', '2026-02', 2);
		await inTx(() => packValues(db, [a, b]));
		await inTx(() => unpackValues(db, [a]));
		expect(await db.valuePacks.get(['ind-h1', '2026-01'])).toBeUndefined();
		expect(await inTx(() => claimValue(db, b))).toEqual(b);
		expect(await db.valuePacks.count()).toBe(0);
	});

	it('reads a range in period order, and finds the newest and oldest periods holding a real value', async () => {
		await inTx(() =>
			packValues(db, [
				pulled('dist-a', '2026-03', null),
				pulled('dist-a', '2026-02', 2),
				pulled('dist-a', '2026-01', 1),
				pulled('dist-a', '2025-12', 0)
			])
		);
		const range = await valuesInRange(db, 'ind-h1', '2026-01', '2026-03');
		expect(range.map((v) => v.period)).toEqual(['2026-01', '2026-02', '2026-03']);
		const real = (v: LocalValue) => v.value !== null;
		const newest = await edgeSlice(db, 'ind-h1', '2026-01', '2026-03', 'newest', real);
		expect(newest.map((v) => v.period)).toEqual(['2026-02']);
		const oldest = await edgeSlice(db, 'ind-h1', '2026-01', '2026-03', 'oldest', real);
		expect(oldest.map((v) => v.period)).toEqual(['2026-01']);
		expect(await edgeSlice(db, 'ind-h1', '2026-03', '2026-03', 'newest', real)).toEqual([]);
	});
});
