import { useFreshDb } from '../../../tests/factories/local-db';
import { describe, expect, it, vi } from 'vitest';
import { SEED_INDICATORS } from '$lib/domain/seed/catalogue';
import { SEED_LOCATIONS } from '$lib/domain/seed/locations';
import { saveIndicator, saveLocation, type IndicatorInput } from './catalogue';
import { YolDatabase } from './database';
import { StorageFullError } from './errors';

let db: YolDatabase;

useFreshDb(async (fresh) => {
	db = fresh;
	await db.indicators.bulkPut(SEED_INDICATORS.map((i) => ({ ...i, rev: 3, syncState: 'synced' })));
	await db.locations.bulkPut(SEED_LOCATIONS.map((l) => ({ ...l, rev: 1, syncState: 'synced' })));
});

const newIndicator: IndicatorInput = {
	code: 'L20',
	area: 'labour',
	name: { az: 'İşə düzələn qaçqınlar', en: 'Refugees placed in jobs', ru: '' },
	definition: { az: '', en: 'Placed through the employment agency.', ru: '' },
	unit: 'count',
	direction: 'increase',
	baseline: { value: 10, date: '2025-01-01' },
	target: { value: 50, date: '2027-12-31' },
	periodicity: 'quarterly',
	disaggregations: ['sex'],
	responsibleBody: { az: '', en: 'State Employment Agency', ru: '' },
	dataSource: { az: '', en: 'Register of jobseekers', ru: '' },
	formula: null
};

const computed = (numerator: string, code = 'L21'): IndicatorInput => ({
	...newIndicator,
	code,
	disaggregations: [],
	unit: 'percent',
	formula: { numerator, denominator: '#{L1}', factor: 100 }
});

async function counts() {
	return {
		indicators: await db.indicators.count(),
		outbox: await db.outbox.count(),
		history: await db.history.count()
	};
}

describe('saving an indicator on the device', () => {
	it('writes the record, its outbox entry and its history line together', async () => {
		const result = await saveIndicator(db, newIndicator, 'coordinator-1');
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.record).toMatchObject({ code: 'L20', rev: 0, syncState: 'local' });
		expect(result.record.id).toMatch(/^[0-9a-f-]{36}$/);
		expect(await db.indicators.get(result.record.id)).toMatchObject({ code: 'L20' });
		const outbox = await db.outbox.toArray();
		expect(outbox).toHaveLength(1);
		expect(outbox[0]).toMatchObject({
			entity: 'indicator',
			entityId: result.record.id,
			op: 'put',
			baseRev: 0,
			data: { code: 'L20', name: newIndicator.name }
		});
		const history = await db.history.toArray();
		expect(history).toMatchObject([
			{ entity: 'indicator', entityId: result.record.id, by: 'coordinator-1', comment: 'created' }
		]);
	});

	it('keeps the server revision as the base of an edit and names the changed fields', async () => {
		const seeded = (await db.indicators.get('ind-h1'))!;
		const { rev: _rev, syncState: _state, ...h1 } = seeded;
		const result = await saveIndicator(
			db,
			{ ...h1, dataSource: { az: '', en: 'New survey', ru: '' } },
			'c'
		);
		expect(result).toMatchObject({
			ok: true,
			changed: true,
			record: { rev: 3, syncState: 'local' }
		});
		expect((await db.outbox.toArray())[0]).toMatchObject({ entityId: 'ind-h1', baseRev: 3 });
		expect((await db.history.toArray())[0]?.comment).toBe('changed dataSource');
	});

	it('writes nothing when nothing changed', async () => {
		const { rev: _rev, syncState: _state, ...h1 } = (await db.indicators.get('ind-h1'))!;
		const result = await saveIndicator(db, h1, 'c');
		expect(result).toMatchObject({ ok: true, changed: false });
		expect(await db.outbox.count()).toBe(0);
	});

	it('refuses a code another indicator has, naming the code field', async () => {
		const before = await counts();
		const result = await saveIndicator(db, { ...newIndicator, code: 'L1' }, 'c');
		expect(result).toEqual({
			ok: false,
			problems: [
				{
					field: 'code',
					message: 'code L1 is already used by another indicator',
					key: 'code_taken',
					params: { code: 'L1' }
				}
			]
		});
		expect(await counts()).toEqual(before);
	});

	it('refuses a formula reading an unknown code, at the formula part', async () => {
		const result = await saveIndicator(db, computed('#{L2} + #{X9}'), 'c');
		expect(result).toMatchObject({
			ok: false,
			problems: [{ field: 'formula.numerator', key: 'unknown_code', params: { code: 'X9' } }]
		});
		expect(await db.outbox.count()).toBe(0);
	});

	it('reports a syntax error with its position', async () => {
		const result = await saveIndicator(db, computed('#{L2} +'), 'c');
		expect(result).toMatchObject({
			ok: false,
			problems: [
				{
					field: 'formula.numerator',
					key: 'syntax.unexpected_end',
					params: { position: 8 },
					message: 'numerator: The expression ends too early at position 8'
				}
			]
		});
	});

	it('refuses a formula that closes a cycle, with its path', async () => {
		// L3 reads L2; making L2 read L3 closes L2 → L3 → L2.
		const { rev: _rev, syncState: _state, ...l2 } = (await db.indicators.get('ind-l2'))!;
		const result = await saveIndicator(
			db,
			{
				...l2,
				unit: 'count',
				disaggregations: [],
				formula: { numerator: '#{L3}', denominator: '1', factor: 1 }
			},
			'c'
		);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.problems).toHaveLength(1);
		expect(result.problems[0]).toMatchObject({ field: 'formula.numerator', key: 'cycle' });
		expect(result.problems[0]?.params?.path).toBe('L2 → L3 → L2');
		expect(await db.outbox.count()).toBe(0);
	});

	it('refuses a formula reading its own indicator', async () => {
		const result = await saveIndicator(db, computed('#{L21}'), 'c');
		expect(result).toMatchObject({
			ok: false,
			problems: [{ key: 'cycle', params: { path: 'L21 → L21' } }]
		});
	});

	it('refuses renaming a code that other formulas read', async () => {
		const { rev: _rev, syncState: _state, ...l1 } = (await db.indicators.get('ind-l1'))!;
		const result = await saveIndicator(db, { ...l1, code: 'L19' }, 'c');
		expect(result).toMatchObject({
			ok: false,
			problems: [{ field: 'code', key: 'code_in_use', params: { code: 'L1', codes: 'L3' } }]
		});
	});

	it('writes nothing for invalid input and says what is wrong with each field', async () => {
		const before = await counts();
		const bad = {
			...newIndicator,
			code: 'H20',
			name: { az: ' ', en: '', ru: '' },
			target: { value: 50, date: '2024-12-31' }
		};
		const result = await saveIndicator(db, bad, 'c');
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.problems.map((p) => [p.field, p.key])).toEqual([
			['name', 'name_required'],
			['code', 'code_area'],
			['target', 'target_after_baseline']
		]);
		expect(await counts()).toEqual(before);
	});

	it('turns a full disk into StorageFullError and keeps nothing', async () => {
		const before = await counts();
		const quota = Object.assign(new Error('full'), { name: 'QuotaExceededError' });
		const spy = vi.spyOn(db.outbox, 'add').mockRejectedValueOnce(quota);
		await expect(saveIndicator(db, newIndicator, 'c')).rejects.toBeInstanceOf(StorageFullError);
		spy.mockRestore();
		expect(await counts()).toEqual(before);
	});
});

describe('saving a location on the device', () => {
	const yevlakh = SEED_LOCATIONS.find((l) => l.id === 'dist-yevlakh')!;

	it('adds a district under a region with its outbox entry', async () => {
		const result = await saveLocation(
			db,
			{
				parentId: 'reg-central-aran',
				level: 'district',
				name: { az: 'Ağdaş', en: 'Agdash', ru: 'Агдаш' }
			},
			'c'
		);
		expect(result).toMatchObject({ ok: true, record: { syncState: 'local', rev: 0 } });
		expect(await db.outbox.toArray()).toMatchObject([
			{ entity: 'location', op: 'put', baseRev: 0 }
		]);
	});

	it('refuses a parent that does not exist, is itself, or lies below it', async () => {
		const missing = await saveLocation(db, { ...yevlakh, parentId: 'reg-nowhere' }, 'c');
		expect(missing).toMatchObject({
			ok: false,
			problems: [{ field: 'parentId', key: 'parent_missing' }]
		});
		const self = await saveLocation(
			db,
			{ ...SEED_LOCATIONS.find((l) => l.id === 'reg-central-aran')!, parentId: 'reg-central-aran' },
			'c'
		);
		expect(self).toMatchObject({ ok: false, problems: [{ key: 'parent_loop' }] });
		const below = await saveLocation(
			db,
			{ ...SEED_LOCATIONS.find((l) => l.id === 'reg-central-aran')!, parentId: 'dist-yevlakh' },
			'c'
		);
		expect(below).toMatchObject({ ok: false, problems: [{ key: 'parent_loop' }] });
		expect(await db.outbox.count()).toBe(0);
	});

	it('refuses a parent on the wrong level', async () => {
		const result = await saveLocation(db, { ...yevlakh, parentId: 'az' }, 'c');
		expect(result).toMatchObject({ ok: false, problems: [{ key: 'parent_level' }] });
	});
});
