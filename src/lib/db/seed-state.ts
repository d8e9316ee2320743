import type { YolDatabase } from './database';

export const SEEDED_KEY = 'seeded_catalogue_at';

/** Whether this device's database already holds the catalogue (cheap: one meta read). */
export async function isSeeded(db: YolDatabase): Promise<boolean> {
	return (await db.meta.get(SEEDED_KEY)) !== undefined;
}

/** Records that the first download finished: later starts open straight away. */
export async function markSeeded(db: YolDatabase): Promise<void> {
	await db.meta.put({ key: SEEDED_KEY, value: new Date().toISOString() });
}
