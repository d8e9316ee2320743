import { SEED_INDICATORS } from '$lib/domain/seed/catalogue';
import { generateDemoValues } from '$lib/domain/seed/demo-values';
import { SEED_LOCATIONS } from '$lib/domain/seed/locations';
import type { YolDatabase } from './database';
import { SEEDED_KEY, isSeeded } from './seed-state';
const BATCH = 2000;

/**
 * Fills an empty device database with the catalogue and the demo values, so the app has
 * something true-looking to show on first start, even offline. Until sync lands, this is the
 * catalogue's only way onto a device; the ids are the ones the server will use, so synced copies
 * replace these rather than doubling them.
 */
export async function ensureSeeded(
	db: YolDatabase,
	onProgress?: (done: number, total: number) => void
): Promise<boolean> {
	if (await isSeeded(db)) return false;
	const values = generateDemoValues();
	await db.transaction('rw', db.indicators, db.locations, db.meta, async () => {
		await db.indicators.bulkPut(
			SEED_INDICATORS.map((i) => ({ ...i, rev: 0, syncState: 'synced' }))
		);
		await db.locations.bulkPut(SEED_LOCATIONS.map((l) => ({ ...l, rev: 0, syncState: 'synced' })));
	});
	// Values go in batches so the first-start progress bar moves; each batch is atomic and
	// bulkPut is idempotent, so an interrupted seed simply resumes on the next start.
	for (let i = 0; i < values.length; i += BATCH) {
		const batch = values.slice(i, i + BATCH).map((v) => ({ ...v, syncState: 'synced' as const }));
		await db.values.bulkPut(batch);
		onProgress?.(Math.min(i + BATCH, values.length), values.length);
	}
	await db.meta.put({ key: SEEDED_KEY, value: new Date().toISOString() });
	return true;
}
