import { SEED_INDICATORS } from '../domain/seed/catalogue';
import { generateDemoValues } from '../domain/seed/demo-values';
import { SEED_LOCATIONS } from '../domain/seed/locations';
import { SEED_MEASURE_NOTES, SEED_MEASURES } from '../domain/seed/measures';
import { SEED_MEETINGS } from '../domain/seed/meetings';
import { SEED_ORGANISATIONS } from '../domain/seed/organisations';
import type { Store } from './db/store';
import { insertRecords, lockRevisions, nextRevisions, type RecordWrite } from './sync/records';

export interface DemoSummary {
	seededAt: string;
	/** Rows inserted per table. */
	rows: Record<string, number>;
}

/** `updated_by_device` of the seeded records: no device made them. */
export const DEMO_DEVICE = 'server-demo';

/**
 * Loads the demo data set once per database. Returns undefined when it was already there.
 *
 * Claiming `demo_seeded_at` and inserting the data happen in one transaction: a failed seed
 * leaves no claim behind and is retried at the next start, and two app servers starting together
 * cannot both seed (the second one's insert waits on the key, then finds it taken).
 *
 * The data are the catalogue and values every device seeds locally (same ids, values keyed by
 * `valueId`), as sync records at revisions 1..n, so a device's first pull confirms what it
 * already holds. They carry no field stamps: a device's edit made on its local seed (base 0)
 * then merges instead of conflicting with a change nobody made.
 */
export async function seedDemo(store: Store): Promise<DemoSummary | undefined> {
	return store.transaction(async (tx) => {
		const seededAt = new Date().toISOString();
		const claim = await tx.run(
			`INSERT INTO meta (key, value) VALUES ('demo_seeded_at', $1) ON CONFLICT (key) DO NOTHING`,
			[seededAt]
		);
		if (claim.changes === 0) return undefined;

		await lockRevisions(tx);
		const values = generateDemoValues();
		const total = SEED_LOCATIONS.length + SEED_INDICATORS.length + values.length;
		let rev = await nextRevisions(tx, total);
		const base = { deleted: false, fieldRevs: {}, deviceId: DEMO_DEVICE, at: seededAt };
		const rows: RecordWrite[] = [
			...SEED_LOCATIONS.map((l) => ({
				...base,
				entity: 'location' as const,
				id: l.id,
				rev: rev++,
				data: l
			})),
			...SEED_INDICATORS.map((i) => ({
				...base,
				entity: 'indicator' as const,
				id: i.id,
				rev: rev++,
				data: i
			})),
			...values.map((value) => {
				const r = rev++;
				return {
					...base,
					entity: 'value' as const,
					id: value.id,
					rev: r,
					data: { ...value, rev: r }
				};
			})
		];
		await insertRecords(tx, rows);
		return {
			seededAt,
			rows: {
				location: SEED_LOCATIONS.length,
				indicator: SEED_INDICATORS.length,
				value: values.length
			}
		};
	});
}

/**
 * The demo roadmap (organisations, measures with their notes on work done, meetings), seeded once
 * per database under its own claim, so a database that got the catalogue before the roadmap
 * existed gets it on its next start; its records take new revisions, which devices then pull.
 */
export async function seedDemoRoadmap(store: Store): Promise<DemoSummary | undefined> {
	return store.transaction(async (tx) => {
		const seededAt = new Date().toISOString();
		const claim = await tx.run(
			`INSERT INTO meta (key, value) VALUES ('demo_roadmap_seeded_at', $1) ON CONFLICT (key) DO NOTHING`,
			[seededAt]
		);
		if (claim.changes === 0) return undefined;

		await lockRevisions(tx);
		const groups = [
			['organisation', SEED_ORGANISATIONS],
			['measure', SEED_MEASURES],
			['measureNote', SEED_MEASURE_NOTES],
			['meeting', SEED_MEETINGS]
		] as const;
		const total = groups.reduce((sum, [, list]) => sum + list.length, 0);
		let rev = await nextRevisions(tx, total);
		const base = { deleted: false, fieldRevs: {}, deviceId: DEMO_DEVICE, at: seededAt };
		const rows: RecordWrite[] = groups.flatMap(([entity, list]) =>
			list.map((data) => ({ ...base, entity, id: data.id, rev: rev++, data }))
		);
		await insertRecords(tx, rows);
		return {
			seededAt,
			rows: Object.fromEntries(groups.map(([entity, list]) => [entity, list.length]))
		};
	});
}
