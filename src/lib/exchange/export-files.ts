import type { YolDatabase } from '$lib/db/database';
import { toActivityInfoCsv } from '$lib/domain/exchange/activityinfo';
import { toDataValueSet } from '$lib/domain/exchange/dhis2';
import type { ExchangeMapping } from '$lib/domain/exchange/mapping';
import type { SkippedValue } from '$lib/domain/exchange/values';
import { SUPPRESSION_SETTING_ID, suppressionThreshold } from '$lib/domain/dashboard/suppression';
import type { Language } from '$lib/domain/languages';
import { valuesOfPeriod } from './local-values';

/**
 * The two exports of one period from this device's data, as files to hand to the browser.
 * Both hold back small counts under the working group's threshold, as every other export does
 * (listed as skipped, with that reason), so a partner's system never shows what a meeting hides.
 */
export interface ExportFile {
	fileName: string;
	type: string;
	text: string;
	exported: number;
	skipped: SkippedValue[];
}

async function threshold(db: YolDatabase): Promise<number> {
	return suppressionThreshold(await db.settings.get(SUPPRESSION_SETTING_ID));
}

export async function dhis2File(
	db: YolDatabase,
	period: string,
	mapping: ExchangeMapping,
	storedBy: string | undefined
): Promise<ExportFile> {
	const [values, indicators, limit] = await Promise.all([
		valuesOfPeriod(db, period),
		db.indicators.toArray(),
		threshold(db)
	]);
	const units = new Map(indicators.map((i) => [i.id, i.unit]));
	const result = toDataValueSet(values, mapping, {
		suppression: { threshold: limit, unitOf: (id) => units.get(id) },
		storedBy
	});
	return {
		fileName: `yol-dhis2-${period}.json`,
		type: 'application/json',
		text: JSON.stringify(result.set, null, 2),
		exported: result.set.dataValues.length,
		skipped: result.skipped
	};
}

export async function activityInfoFile(
	db: YolDatabase,
	period: string,
	lang: Language
): Promise<ExportFile> {
	const [values, indicators, locations, limit] = await Promise.all([
		valuesOfPeriod(db, period),
		db.indicators.toArray(),
		db.locations.toArray(),
		threshold(db)
	]);
	const result = toActivityInfoCsv(values, { indicators, locations, lang, threshold: limit });
	return {
		fileName: `yol-activityinfo-${period}.csv`,
		type: 'text/csv;charset=utf-8',
		text: result.csv,
		exported: result.rows,
		skipped: result.skipped
	};
}

/** Hands a file to the browser as a download. */
export function download(file: Pick<ExportFile, 'fileName' | 'type' | 'text'>): void {
	const url = URL.createObjectURL(new Blob([file.text], { type: file.type }));
	const link = document.createElement('a');
	link.href = url;
	link.download = file.fileName;
	document.body.append(link);
	link.click();
	link.remove();
	setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
