import type { YolDatabase } from '$lib/db/database';
import {
	columnSetKey,
	fitsColumns,
	guessMapping,
	type ColumnMapping
} from '$lib/domain/import/headers';

/**
 * The mapping chosen for a column set is remembered on this device (meta), so the same
 * monthly spreadsheet maps itself the next time. Guessed from the headers otherwise.
 */
const KEY = 'import.mapping:';

export async function startingMapping(
	db: YolDatabase,
	headers: readonly string[]
): Promise<{ mapping: ColumnMapping; remembered: boolean }> {
	const stored = (await db.meta.get(KEY + columnSetKey(headers)))?.value as
		ColumnMapping | undefined;
	if (stored && fitsColumns(stored, headers.length))
		return { mapping: { ...stored }, remembered: true };
	return { mapping: guessMapping(headers), remembered: false };
}

export async function rememberMapping(
	db: YolDatabase,
	headers: readonly string[],
	mapping: ColumnMapping
): Promise<void> {
	await db.meta.put({ key: KEY + columnSetKey(headers), value: { ...mapping } });
}
