import type { MetaEntry, YolDatabase } from './database';

export const SEEDED_KEY = 'seeded_catalogue_at';

/** Whether this device's database already holds the catalogue (cheap: one meta read). */
export async function isSeeded(db: YolDatabase): Promise<boolean> {
	return (await db.meta.get(SEEDED_KEY)) !== undefined;
}

/**
 * The record that the first download finished (later starts open straight away), written with
 * its last page (see pullChanges' `caughtUp`).
 */
export function seededEntry(): MetaEntry {
	return { key: SEEDED_KEY, value: new Date().toISOString() };
}
