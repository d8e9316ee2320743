import { useFreshDb } from '../../../tests/factories/local-db';
import { describe, expect, it, vi } from 'vitest';
import { SEED_INDICATORS } from '$lib/domain/seed/catalogue';
import { YolDatabase } from './database';
import { askPersistenceOnce } from './persistence';
import { computedValue, inputsOf, latestValues } from './slices';
import { saveValue } from './values';

let db: YolDatabase;

useFreshDb((fresh) => (db = fresh));

const byCode = (code: string) => SEED_INDICATORS.find((i) => i.code === code)!;
const place = 'dist-yevlakh';

async function put(code: string, period: string, cell: string, value: number) {
	await saveValue(
		db,
		{ indicatorId: byCode(code).id, locationId: place, period, cell, value, comment: '' },
		'device-1'
	);
}

describe('persistent storage, asked once', () => {
	it('asks the browser the first time, keeps the answer and does not ask again', async () => {
		const persist = vi.fn(async () => true);
		const storage = { persist, persisted: async () => false };
		expect(await askPersistenceOnce(db, storage)).toEqual({ outcome: 'granted', askedNow: true });
		expect(await askPersistenceOnce(db, storage)).toEqual({ outcome: 'granted', askedNow: false });
		expect(persist).toHaveBeenCalledTimes(1);
	});

	it('tells a refusal from a browser that cannot promise at all', async () => {
		expect(await askPersistenceOnce(db, { persist: async () => false })).toMatchObject({
			outcome: 'refused'
		});
		const otherName = `test-${crypto.randomUUID()}`;
		const other = new YolDatabase(otherName);
		expect(await askPersistenceOnce(other, undefined)).toMatchObject({ outcome: 'unsupported' });
		other.close();
		await YolDatabase.delete(otherName);
	});
});

describe('values at one place', () => {
	it('finds the inputs of a computed indicator', () => {
		expect(inputsOf(SEED_INDICATORS, byCode('E7')).map((i) => i.code)).toEqual(['E6', 'E5']);
		expect(inputsOf(SEED_INDICATORS, byCode('E5'))).toEqual([]);
	});

	it('computes a formula from the values saved for its inputs', async () => {
		for (const [cell, v] of [
			['sex=female', 20],
			['sex=male', 30]
		] as const) {
			await put('E5', '2026Q3', cell, v / 2);
			await put('E6', '2026Q3', cell, v);
		}
		expect(await computedValue(db, SEED_INDICATORS, byCode('E7'), place, '2026Q3')).toBe(50);
		expect(await computedValue(db, SEED_INDICATORS, byCode('E7'), place, '2026Q2')).toBeNull();
	});

	it('gives the newest value of each kind of indicator among its last periods', async () => {
		await put('H2', '2026Q2', 'total', 7);
		await put('H2', '2026Q3', 'total', 9);
		await put('E1', '2026', 'sex=male', 88);
		await put('E1', '2026', 'sex=female', 85.5);
		const wanted = ['H2', 'E1', 'H3'].map(byCode);
		const latest = await latestValues(db, SEED_INDICATORS, wanted, place, '2026-11-23');
		expect(latest.get('ind-h2')).toEqual({ period: '2026Q3', value: 9, cells: [] });
		expect(latest.get('ind-e1')).toEqual({
			period: '2026',
			value: null,
			cells: [
				{ cell: 'sex=female', value: 85.5 },
				{ cell: 'sex=male', value: 88 }
			]
		});
		expect(latest.get('ind-h3')).toBeNull();
	});
});
