import type { YolDatabase } from '$lib/db/database';
import { fromDataValueSet } from '$lib/domain/exchange/dhis2';
import { dhis2ImportRows, type Dhis2ImportRows } from '$lib/domain/exchange/dhis2-import';
import type { Reason } from '$lib/domain/import/preview';
import { localMapping } from './api';

/** A DHIS2 file is read in one piece: larger ones are refused, as spreadsheets are. */
export const MAX_DHIS2_BYTES = 20 * 1024 * 1024;

export type Dhis2FileRead = ({ ok: true } & Dhis2ImportRows) | { ok: false; error: Reason };

/**
 * A DHIS2 `dataValueSets` JSON file as rows for the import preview, translated through the
 * mapping this device last received (so it works offline), indicator codes from the catalogue.
 */
export async function readDhis2File(db: YolDatabase, file: File): Promise<Dhis2FileRead> {
	if (file.size > MAX_DHIS2_BYTES) {
		return { ok: false, error: { key: 'import:unreadable.size', params: { max: 20 } } };
	}
	const answer = await localMapping(db);
	if (!answer) return { ok: false, error: { key: 'exchange:import.no_mapping' } };
	let json: unknown;
	try {
		json = JSON.parse(await file.text());
	} catch (error) {
		const detail = error instanceof Error ? error.message : String(error);
		return { ok: false, error: { key: 'exchange:import.not_json', params: { detail } } };
	}
	const indicators = await db.indicators.toArray();
	const codes = new Map(indicators.map((i) => [i.id, i.code]));
	const read = fromDataValueSet(json, answer.mapping, (id) => codes.get(id));
	if (!read.ok) return { ok: false, error: { key: 'exchange:import.not_dhis2' } };
	return { ok: true, ...dhis2ImportRows(read) };
}
