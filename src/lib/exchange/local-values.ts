import type { LocalValue, YolDatabase } from '$lib/db/database';
import { valuesInSlices } from '$lib/db/value-packs';
import { isPeriodId, sortPeriods } from '$lib/domain/periods';

/**
 * What the exchange screen exports, read from this device only (so it works offline): the
 * periods that hold any value, newest first, and every value of one period, packed or the
 * device's own (value-packs.ts).
 */
export async function periodsOnDevice(db: YolDatabase): Promise<string[]> {
	const [packed, own] = await Promise.all([
		db.valuePacks.toCollection().primaryKeys(),
		db.values.toArray()
	]);
	const periods = new Set<string>(own.map((v) => v.period));
	for (const key of packed) periods.add((key as unknown as [string, string])[1]);
	return sortPeriods([...periods].filter(isPeriodId)).reverse();
}

export async function valuesOfPeriod(db: YolDatabase, period: string): Promise<LocalValue[]> {
	const indicators = await db.indicators.toCollection().primaryKeys();
	return valuesInSlices(
		db,
		indicators.map((id) => [id, period] as const)
	);
}
