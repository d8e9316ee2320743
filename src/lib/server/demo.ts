import type { Store } from './db/store';

export interface DemoSummary {
	seededAt: string;
	/** Rows inserted per table; empty until the catalogue issues add demo content. */
	rows: Record<string, number>;
}

/**
 * Loads the demo data set once per database. Returns undefined when it was already there.
 *
 * Claiming `demo_seeded_at` and inserting the data happen in one transaction: a failed seed
 * leaves no claim behind and is retried at the next start, and two app servers starting together
 * cannot both seed (the second one's insert waits on the key, then finds it taken).
 */
export async function seedDemo(store: Store): Promise<DemoSummary | undefined> {
	return store.transaction(async (tx) => {
		const seededAt = new Date().toISOString();
		const claim = await tx.run(
			`INSERT INTO meta (key, value) VALUES ('demo_seeded_at', $1) ON CONFLICT (key) DO NOTHING`,
			[seededAt]
		);
		if (claim.changes === 0) return undefined;
		return { seededAt, rows: {} };
	});
}
