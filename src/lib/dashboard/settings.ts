import type { YolDatabase } from '$lib/db/database';
import { SUPPRESSION_KEY, parseThreshold } from '$lib/domain/dashboard/suppression';

/**
 * The small-count threshold is kept in this device's `meta` table for now. It is meant to be a
 * working-group setting a coordinator changes once for everyone: it should become a synced
 * setting when settings sync.
 */
export async function saveThreshold(db: YolDatabase, value: number): Promise<number> {
	const threshold = parseThreshold(value);
	await db.meta.put({ key: SUPPRESSION_KEY, value: threshold });
	return threshold;
}
