import type { LocalSetting, YolDatabase } from '$lib/db/database';
import { saveParsed, type SaveResult } from '$lib/db/local-save';
import { SUPPRESSION_SETTING_ID, parseSetting, type Setting } from '$lib/domain/settings';

/**
 * The small-count threshold is the working group's: a coordinator sets it on any device, and it
 * syncs to every other one like any record (the server refuses it from anyone else).
 */
export function saveThreshold(
	db: YolDatabase,
	value: number,
	by: string,
	now: Date = new Date()
): Promise<SaveResult<LocalSetting>> {
	return saveParsed<Setting, LocalSetting>(
		db,
		'setting',
		db.settings,
		parseSetting({ id: SUPPRESSION_SETTING_ID, value }),
		by,
		now
	);
}
