import { describe, expect, it } from 'vitest';
import { catalogueServer } from '../../../tests/factories/pull-server';
import { useFreshDb } from '../../../tests/factories/local-db';
import { SEED_INDICATORS } from '$lib/domain/seed/catalogue';
import type { YolDatabase } from '$lib/db/database';
import { syncOnce } from './engine';

let db: YolDatabase;
useFreshDb((fresh) => (db = fresh));

describe('a large pull', () => {
	it('reports how many records came and how many are expected, page by page', async () => {
		const seen: [number, number][] = [];
		await syncOnce(db, catalogueServer(10), 'device-1', {
			pageSize: 10,
			onPull: (received, remaining) => seen.push([received, received + (remaining ?? 0)])
		});
		const total = SEED_INDICATORS.length;
		expect(seen.map(([received]) => received)).toEqual([10, 20, 30, total]);
		expect(seen.every(([, expected]) => expected === total)).toBe(true);
		expect(await db.indicators.count()).toBe(total);
	});
});
