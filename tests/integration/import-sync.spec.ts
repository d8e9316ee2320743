import 'fake-indexeddb/auto';
import { afterEach, expect, it } from 'vitest';
import { YolDatabase } from '../../src/lib/db/database';
import { currentValues, importStates, saveImport } from '../../src/lib/db/imports';
import { guessMapping } from '../../src/lib/domain/import/headers';
import {
	acceptedRows,
	countOutcomes,
	judgeRows,
	matchRows
} from '../../src/lib/domain/import/preview';
import { rowsFromTable } from '../../src/lib/domain/import/table';
import { periodLabel, periodsInRange } from '../../src/lib/domain/periods';
import { SEED_INDICATORS } from '../../src/lib/domain/seed/catalogue';
import { SEED_LOCATIONS } from '../../src/lib/domain/seed/locations';
import {
	CLIENT_SCHEMA_VERSION,
	PROTOCOL_VERSION,
	type Mutation
} from '../../src/lib/domain/sync/protocol';
import { migrate } from '../../src/lib/server/db/migrate';
import type { Store } from '../../src/lib/server/db/store';
import { handlePull, handlePush } from '../../src/lib/server/sync/http';
import { applyPush } from '../../src/lib/server/sync/push';
import { syncOnce } from '../../src/lib/sync/engine';
import { fetchTransport, type SyncTransport } from '../../src/lib/sync/transport';
import { COORDINATOR } from '../factories/actors';
import { describeStores } from './stores';

/**
 * A spreadsheet of 10,000 values imported on a tablet, through the same save path as typed
 * values, reaches the server exactly once on each store: one applied mutation and one audit line
 * per value, none sent again by a later sync.
 */

const ROWS = 10_000;
const opened: YolDatabase[] = [];

afterEach(async () => {
	for (const db of opened.splice(0)) {
		db.close();
		await YolDatabase.delete(db.name);
	}
});

function transportTo(store: Store): SyncTransport {
	const context = { store, bodyLimit: 50_000_000, actor: COORDINATOR };
	return fetchTransport((request, init) => {
		const url = new URL(String(request), 'http://yol.test');
		return url.pathname.endsWith('/push')
			? handlePush(new Request(url, init), context)
			: handlePull(url, context);
	});
}

const monthly = SEED_INDICATORS.filter(
	(i) => i.periodicity === 'monthly' && !i.formula && i.disaggregations.length === 0
);
const districts = SEED_LOCATIONS.filter((l) => l.level === 'district');

/** The file's rows: every monthly indicator at every district, month after month, in Russian labels. */
function spreadsheet(): { headers: string[]; rows: string[][] } {
	const rows: string[][] = [];
	for (const period of periodsInRange('2000-01', '2099-12')) {
		for (const indicator of monthly) {
			for (const place of districts) {
				if (rows.length === ROWS)
					return { headers: ['Код', 'Территория', 'Период', 'Значение'], rows };
				rows.push([
					indicator.code,
					place.name.ru,
					periodLabel(period, 'ru'),
					String(rows.length % 997)
				]);
			}
		}
	}
	throw new Error('not enough cells for the test');
}

async function seedCatalogue(store: Store): Promise<void> {
	const records = [
		...SEED_LOCATIONS.map((data) => ({ entity: 'location' as const, data })),
		...SEED_INDICATORS.filter((i) => !i.formula).map((data) => ({
			entity: 'indicator' as const,
			data
		}))
	];
	const mutations: Mutation[] = records.map((r, i) => ({
		seq: i + 1,
		mutationId: `seed-${i}`,
		entity: r.entity,
		entityId: r.data.id,
		op: 'put',
		baseRev: 0,
		changed: Object.keys(r.data),
		data: r.data
	}));
	const seeded = await applyPush(
		store,
		{ protocol: PROTOCOL_VERSION, schema: CLIENT_SCHEMA_VERSION, deviceId: 'seed', mutations },
		COORDINATOR
	);
	expect(seeded.results.every((r) => r.outcome === 'applied')).toBe(true);
}

describeStores('a spreadsheet import', (db) => {
	it(`${ROWS} imported rows reach the server exactly once`, { timeout: 600_000 }, async () => {
		const store = db().store;
		await migrate(store);
		await seedCatalogue(store);
		const net = transportTo(store);
		const tablet = new YolDatabase(`import-${crypto.randomUUID()}`);
		await tablet.open();
		opened.push(tablet);
		await syncOnce(tablet, net, 'tablet-import');

		const file = spreadsheet();
		const rows = rowsFromTable(file, guessMapping(file.headers));
		const catalogue = {
			indicators: await tablet.indicators.toArray(),
			locations: await tablet.locations.toArray(),
			scope: null
		};
		const matched = matchRows(rows, catalogue, 'ru');
		const current = await currentValues(
			tablet,
			matched.flatMap((m) => (m.kind === 'matched' ? [m.target] : []))
		);
		const outcomes = judgeRows(matched, (id) => current.get(id));
		expect(countOutcomes(outcomes)).toEqual({
			new: ROWS,
			change: 0,
			unchanged: 0,
			refused: 0,
			outside: 0
		});

		const saved = await saveImport(tablet, acceptedRows(outcomes), COORDINATOR.userId, 'big.csv');
		expect(saved.written).toBe(ROWS);
		expect(await tablet.outbox.count()).toBe(ROWS);

		const first = await syncOnce(tablet, net, 'tablet-import');
		expect(first).toMatchObject({ pushed: ROWS, rejected: 0, conflicts: 0 });
		expect(await tablet.outbox.count()).toBe(0);
		expect((await importStates(tablet))[0]?.waiting).toBe(0);
		// Another round sends nothing again.
		expect(await syncOnce(tablet, net, 'tablet-import')).toMatchObject({ pushed: 0 });

		const count = async (sql: string, params: string[] = []) =>
			Number(Object.values((await store.get(sql, params))!)[0]);
		expect(
			await count(
				`SELECT COUNT(*) AS n FROM records WHERE entity = 'value' AND deleted = ${store.dialect === 'postgres' ? 'false' : '0'}`
			)
		).toBe(ROWS);
		// One change each: the server's revision moved once per value (after the catalogue's), and
		// each value has one audit line.
		const catalogueRecords =
			SEED_LOCATIONS.length + SEED_INDICATORS.filter((i) => !i.formula).length;
		expect(await count('SELECT rev FROM sync_revision')).toBe(catalogueRecords + ROWS);
		expect(
			await count(`SELECT COUNT(DISTINCT entity_id) AS n FROM audit WHERE entity = 'value'`)
		).toBe(ROWS);
		expect(await count(`SELECT COUNT(*) AS n FROM audit WHERE entity = 'value'`)).toBe(ROWS);
		// The server holds what the file said.
		const one = rows[1234]!;
		const sample = outcomes[1234]!;
		expect(sample.kind).toBe('new');
		if (sample.kind === 'new') {
			const record = await store.get<{ data: unknown }>(
				`SELECT data FROM records WHERE entity = 'value' AND id = $1`,
				[sample.target.id]
			);
			const data = typeof record?.data === 'string' ? JSON.parse(record.data) : record?.data;
			expect(data).toMatchObject({
				value: Number(one.value),
				locationId: sample.target.locationId
			});
		}
	});
});
