import { parseIndicatorValue, type IndicatorValue } from '$lib/domain/indicators';
import type { Language } from '$lib/domain/languages';
import { valueId } from '$lib/domain/value-id';
import type { HistoryEntry, LocalValue, YolDatabase } from './database';
import { StorageFullError, isQuotaError } from './errors';
import { findValue, unpackValues, valuesInSlices } from './value-packs';

export interface ValueInput {
	indicatorId: string;
	locationId: string;
	period: string;
	cell: string;
	value: number | null;
	comment: string;
	/** The language the person typed the comment in (the interface's, as they typed it). */
	commentLang?: Language;
}

export class InvalidValueError extends Error {
	constructor(readonly problems: { field: string; message: string }[]) {
		super(problems.map((p) => `${p.field}: ${p.message}`).join('; '));
		this.name = 'InvalidValueError';
	}
}

/**
 * Saves one cell's value on this device. The record, its outbox entry and its history line are
 * written in one transaction: if the tab dies or the disk is full midway, none of them is kept,
 * so the outbox can never miss a change the screen shows, nor hold one that was not saved.
 * Returns the stored record, or the unchanged one when nothing changed.
 */
export async function saveValue(
	db: YolDatabase,
	input: ValueInput,
	by: string,
	now: Date = new Date()
): Promise<LocalValue> {
	const id = valueId(input.indicatorId, input.locationId, input.period, input.cell);
	try {
		return await db.transaction('rw', db.values, db.valuePacks, db.outbox, db.history, async () => {
			const ref = { id, indicatorId: input.indicatorId, period: input.period };
			const existing = await findValue(db, ref);
			if (existing && existing.value === input.value && existing.comment === input.comment) {
				return existing;
			}
			const { commentLang: typedIn, ...fields } = input;
			const commentLang = !input.comment
				? undefined
				: existing?.comment === input.comment
					? existing.commentLang
					: typedIn;
			const candidate: IndicatorValue = {
				...fields,
				...(commentLang ? { commentLang } : {}),
				id,
				updatedAt: now.toISOString(),
				updatedBy: by,
				// rev stays the last revision the server confirmed: the base of this edit.
				rev: existing?.rev ?? 0,
				deleted: false
			};
			const parsed = parseIndicatorValue(candidate);
			if (!parsed.ok) throw new InvalidValueError(parsed.problems);
			const record: LocalValue = { ...parsed.value, syncState: 'local' };
			// An edited value is this device's: it leaves its pack, if it was packed.
			if (existing?.syncState === 'synced') await unpackValues(db, [ref]);
			await db.values.put(record);
			await db.outbox.add({
				mutationId: crypto.randomUUID(),
				entity: 'value',
				entityId: id,
				op: 'put',
				baseRev: record.rev,
				changed: existing
					? (['value', 'comment'] as const).filter((f) => existing[f] !== record[f])
					: ['value', 'comment'],
				data: parsed.value,
				createdAt: record.updatedAt
			});
			const line: HistoryEntry = {
				entity: 'value',
				entityId: id,
				at: record.updatedAt,
				by,
				from: existing?.value ?? null,
				to: record.value,
				comment: record.comment,
				source: 'this_device'
			};
			await db.history.add(line);
			return record;
		});
	} catch (error) {
		if (isQuotaError(error)) throw new StorageFullError(error);
		throw error;
	}
}

/** Every value of one indicator in the given periods, across all places and cells. */
export function valuesForPeriods(
	db: YolDatabase,
	indicatorId: string,
	periods: readonly string[]
): Promise<LocalValue[]> {
	return valuesInSlices(
		db,
		periods.map((period) => [indicatorId, period] as const)
	);
}

/** One place's grid for one period. */
export async function valuesForCell(
	db: YolDatabase,
	indicatorId: string,
	locationId: string,
	period: string
): Promise<LocalValue[]> {
	const slice = await valuesInSlices(db, [[indicatorId, period]]);
	return slice.filter((v) => v.locationId === locationId);
}

/** The changes to one value, newest first. */
export async function valueHistory(db: YolDatabase, id: string): Promise<HistoryEntry[]> {
	const lines = await db.history.where('entityId').equals(id).toArray();
	return lines.sort((a, b) => b.at.localeCompare(a.at));
}

export function pendingCount(db: YolDatabase): Promise<number> {
	return db.outbox.count();
}
