import { useFreshDb } from '../../../tests/factories/local-db';
import { describe, expect, it, vi } from 'vitest';
import { YolDatabase, type LocalValue } from '$lib/db/database';
import { valueHistory } from '$lib/db/values';
import { SEED_INDICATORS } from '$lib/domain/seed/catalogue';
import { valueId } from '$lib/domain/value-id';
import { EntrySheet, type JumpQuestion } from './sheet.svelte';

let db: YolDatabase;

useFreshDb((fresh) => (db = fresh));

const L1 = SEED_INDICATORS.find((i) => i.code === 'L1')!;
const E1 = SEED_INDICATORS.find((i) => i.code === 'E1')!;
const key = 'sex=female;age=18-34';

function sheet(
	indicator = L1,
	previous = new Map<string, LocalValue>(),
	ask: (q: JumpQuestion) => Promise<string | null> = async () => null
) {
	// Outside a component nothing is live: read straight from what is stored, as liveQuery would.
	let stored = new Map<string, LocalValue>();
	const s = new EntrySheet({
		db,
		indicator,
		locationId: 'dist-ganja',
		period: '2026-11',
		stored: () => stored,
		previous: () => previous,
		ask
	});
	return {
		s,
		refresh: async () => {
			const all = await db.values.toArray();
			stored = new Map(all.map((r) => [r.cell, r]));
		}
	};
}

describe('an entry sheet', () => {
	it('saves valid text on the device and then shows the stored value', async () => {
		const { s, refresh } = sheet();
		s.input(key, '12');
		expect(s.hasUnsaved).toBe(true);
		expect(await s.commit(key, 'en')).toBe(true);
		await refresh();
		expect(s.hasUnsaved).toBe(false);
		expect(s.record(key)).toMatchObject({ value: 12, syncState: 'local' });
		expect(s.text(key, 'en')).toBe('12');
		const history = await valueHistory(db, valueId(L1.id, 'dist-ganja', '2026-11', key));
		expect(history[0]).toMatchObject({ from: null, to: 12 });
		expect(history[0]!.by).toMatch(/^[0-9a-f-]{36}$/);
	});

	it("shows the conflict when sync keeps another device's OLDER edit over the one typed here", async () => {
		const { s, refresh } = sheet();
		s.input(key, '22');
		expect(await s.commit(key, 'en')).toBe(true);
		// What the sync engine leaves after a conflict: the server's copy, edited earlier elsewhere.
		const id = valueId(L1.id, 'dist-ganja', '2026-11', key);
		const mine = (await db.values.get(id))!;
		await db.values.put({
			...mine,
			value: 21,
			rev: mine.rev + 1,
			updatedAt: new Date(Date.parse(mine.updatedAt) - 60_000).toISOString(),
			updatedBy: 'other-device',
			syncState: 'conflict'
		});
		await refresh();
		expect(s.record(key)).toMatchObject({ value: 21, syncState: 'conflict' });
		expect(s.text(key, 'en')).toBe('21');
	});

	it('keeps invalid text in the field with its error and saves nothing', async () => {
		const { s } = sheet(E1);
		s.input('sex=female', '150');
		expect(await s.commit('sex=female', 'en')).toBe(false);
		expect(s.errors['sex=female']).toEqual({ code: 'out_of_range', params: { min: 0, max: 100 } });
		expect(s.text('sex=female', 'en')).toBe('150');
		expect(await db.values.count()).toBe(0);
		s.input('sex=female', '85');
		expect(s.errors['sex=female']).toBeUndefined();
	});

	it('asks before a tenfold jump and saves the comment with the value', async () => {
		const previous = new Map([[key, { value: 5 } as LocalValue]]);
		const ask = vi.fn(async () => 'New centre opened');
		const { s } = sheet(L1, previous, ask);
		s.input(key, '80');
		expect(await s.commit(key, 'en')).toBe(true);
		expect(ask).toHaveBeenCalledWith({ key, value: 80, previous: 5 });
		expect((await db.values.toArray())[0]).toMatchObject({
			value: 80,
			comment: 'New centre opened'
		});
	});

	it('keeps the text when the jump is not confirmed', async () => {
		const previous = new Map([[key, { value: 5 } as LocalValue]]);
		const { s } = sheet(L1, previous, async () => null);
		s.input(key, '80');
		expect(await s.commit(key, 'en')).toBe(false);
		expect(s.text(key, 'en')).toBe('80');
		expect(await db.values.count()).toBe(0);
	});

	it('keeps the text and says so when the device is full', async () => {
		const { s } = sheet();
		const quota = Object.assign(new Error('full'), { name: 'QuotaExceededError' });
		vi.spyOn(db.values, 'put').mockRejectedValueOnce(quota);
		s.input(key, '7');
		expect(await s.commit(key, 'en')).toBe(false);
		expect(s.storageFull).toBe(true);
		expect(s.text(key, 'en')).toBe('7');
		expect(await db.outbox.count()).toBe(0);
	});

	it('adds up valid typed text with stored values for the totals', async () => {
		const { s, refresh } = sheet();
		s.input(key, '4');
		await s.commit(key, 'en');
		await refresh();
		s.input('sex=male;age=18-34', '6');
		s.input('sex=male;age=60+', 'abc');
		const values = s.valuesForTotals([key, 'sex=male;age=18-34', 'sex=male;age=60+'], 'en');
		expect(Object.values(values)).toEqual([4, 6, null]);
	});
});
