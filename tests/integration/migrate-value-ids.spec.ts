import { expect, it } from 'vitest';
import type { IndicatorValue } from '../../src/lib/domain/indicators';
import { generateDemoValues } from '../../src/lib/domain/seed/demo-values';
import { SEED_LOCATIONS } from '../../src/lib/domain/seed/locations';
import { migrate } from '../../src/lib/server/db/migrate';
import { migrations } from '../../src/lib/server/db/migrations';
import type { Store } from '../../src/lib/server/db/store';
import { describeStores } from './stores';

/**
 * Migration 005: values stored under an id their cell does not derive (taken by servers before
 * the check) are merged into the cell's own record, and nothing of them is lost.
 */

const [CELL, LONE] = generateDemoValues({
	locations: SEED_LOCATIONS.filter((l) => l.id === 'dist-ganja'),
	from: '2026-01-01',
	to: '2026-01-31'
})
	.filter((v) => v.value !== null)
	.slice(0, 2)
	.map((v) => ({ ...v, comment: '' }) as IndicatorValue) as [IndicatorValue, IndicatorValue];

async function insertValue(store: Store, id: string, value: IndicatorValue, rev: number) {
	await store.run(
		`INSERT INTO records (entity, id, rev, deleted, data, field_revs, location_id, updated_at,
			updated_by_device)
		VALUES ('value', $1, $2, $3, $4, '{}', $5, $6, 'tablet')`,
		[id, rev, false, JSON.stringify({ ...value, id, rev }), value.locationId, value.updatedAt]
	);
}

describeStores('migration 005 (value ids)', (db) => {
	it('keeps the derived-id value of a cell, deletes rivals at a new revision, and records them', async () => {
		const { store } = db();
		await migrate(
			store,
			migrations.filter((m) => m.id < 5)
		);
		await insertValue(store, CELL.id, { ...CELL, value: 10 }, 1);
		await insertValue(store, 'made-up-rival', { ...CELL, value: 99 }, 2);
		await insertValue(store, 'made-up-lone', { ...LONE, value: 5 }, 3);
		await store.run('UPDATE sync_revision SET rev = 3 WHERE id = 1');

		expect(
			await migrate(
				store,
				migrations.filter((m) => m.id <= 5)
			)
		).toMatchObject({ applied: [5] });

		const rows = await store.all<{
			id: string;
			rev: number;
			deleted: unknown;
			data: string | null;
		}>(`SELECT id, rev, deleted, data FROM records WHERE entity = 'value' ORDER BY rev`);
		const live = rows.filter((r) => !r.deleted);
		expect(live.map((r) => [r.id, (JSON.parse(r.data!) as IndicatorValue).value]).sort()).toEqual(
			[
				[CELL.id, 10],
				[LONE.id, 5]
			].sort()
		);
		// The moved value carries its new id and revision, as devices store it.
		const moved = live.find((r) => r.id === LONE.id)!;
		expect(JSON.parse(moved.data!)).toMatchObject({ id: LONE.id, rev: moved.rev, value: 5 });
		// The rivals are deleted at revisions past the old head, so every device pulls that.
		const gone = rows.filter((r) => r.deleted);
		expect(gone.map((r) => r.id).sort()).toEqual(['made-up-lone', 'made-up-rival']);
		for (const row of gone) expect(row.rev).toBeGreaterThan(3);
		// Nothing lost: the rival is kept in a conflicts row beside the kept value, and in the audit.
		const conflicts = await store.all<{ entity_id: string; yours: unknown; theirs: unknown }>(
			'SELECT entity_id, yours, theirs FROM conflicts'
		);
		expect(conflicts).toHaveLength(1);
		expect(conflicts[0]?.entity_id).toBe(CELL.id);
		const yours = conflicts[0]!.yours;
		expect(typeof yours === 'string' ? JSON.parse(yours) : yours).toMatchObject({ value: 99 });
		const audit = await store.all<{ entity_id: string; action: string }>(
			'SELECT entity_id, action FROM audit ORDER BY id'
		);
		expect(audit.map((a) => [a.entity_id, a.action]).sort()).toEqual(
			[
				['made-up-rival', 'delete'],
				['made-up-lone', 'delete'],
				[LONE.id, 'create']
			].sort()
		);
		// A second run finds nothing more to do.
		expect(
			await migrate(
				store,
				migrations.filter((m) => m.id <= 5)
			)
		).toMatchObject({ applied: [] });
	});
});
