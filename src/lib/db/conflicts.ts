import { parseIndicatorValue, type IndicatorValue } from '$lib/domain/indicators';
import { resolvedFields, type ResolutionChoice } from '$lib/domain/sync/conflict';
import { toReview } from './conflicts-to-review';
import type { HistoryEntry, LocalConflict, LocalValue, YolDatabase } from './database';
import { StorageFullError, isQuotaError } from './errors';
import { claimValue } from './value-packs';
import { InvalidValueError } from './values';

// The reading half lives apart so the sync status can count conflicts without this module.
export { conflictsToReview, openConflictFor, toReview } from './conflicts-to-review';

/** A conflict that is no longer waiting for a choice (resolved here or elsewhere, or gone). */
export class ConflictSettledError extends Error {
	constructor(readonly conflictId: string) {
		super(`conflict ${conflictId} is already settled`);
		this.name = 'ConflictSettledError';
	}
}

/**
 * Settles a conflict on this device, offline too: the chosen value, its outbox entry (a value
 * put that `resolves` the conflict) and its history line are written in ONE transaction with the
 * conflict's pending choice, so the screen, the queue and "to review" can never disagree. The put
 * is made on the revision this device holds (the kept version, or newer), so the server applies
 * it as a normal edit and marks the conflict resolved in the same transaction; it is sent once,
 * like any change.
 */
export async function resolveConflict(
	db: YolDatabase,
	conflictId: string,
	choice: ResolutionChoice,
	other: number | null,
	by: string,
	now: Date = new Date()
): Promise<LocalValue> {
	const at = now.toISOString();
	try {
		return await db.transaction(
			'rw',
			[db.values, db.valuePacks, db.outbox, db.history, db.conflicts],
			async () => {
				const conflict = await db.conflicts.get(conflictId);
				if (!conflict || !toReview(conflict)) throw new ConflictSettledError(conflictId);
				const ref = {
					id: conflict.entityId,
					indicatorId: conflict.indicatorId,
					period: conflict.period
				};
				// The value becomes this device's edit: out of its pack, if it was packed.
				const existing = await claimValue(db, ref);
				// Should the value be missing here (never pulled), the kept version stands in for it.
				const current: IndicatorValue = existing ?? {
					id: conflict.entityId,
					indicatorId: conflict.indicatorId,
					locationId: conflict.locationId,
					period: conflict.period,
					cell: conflict.cell,
					value: conflict.theirs.value,
					comment: conflict.theirs.comment,
					updatedAt: conflict.theirs.at,
					updatedBy: conflict.theirs.by,
					rev: conflict.theirs.rev,
					deleted: false
				};
				const fields = resolvedFields(conflict, current, choice, other);
				const parsed = parseIndicatorValue({
					...stripLocal(current),
					...fields,
					updatedAt: at,
					updatedBy: by,
					rev: current.rev,
					deleted: false
				});
				if (!parsed.ok) throw new InvalidValueError(parsed.problems);
				const record: LocalValue = { ...parsed.value, syncState: 'local' };
				await db.values.put(record);
				await db.outbox.add({
					mutationId: crypto.randomUUID(),
					entity: 'value',
					entityId: record.id,
					op: 'put',
					baseRev: record.rev,
					changed: [...conflict.fields],
					data: parsed.value,
					createdAt: at,
					resolves: { conflictId, choice }
				});
				const line: HistoryEntry = {
					entity: 'value',
					entityId: record.id,
					at,
					by,
					from: current.value,
					to: record.value,
					comment: record.comment,
					source: 'this_device'
				};
				await db.history.add(line);
				const rest: LocalConflict = { ...conflict };
				delete rest.refused;
				await db.conflicts.put({ ...rest, pending: { choice, at, by, value: record.value } });
				return record;
			}
		);
	} catch (error) {
		if (isQuotaError(error)) throw new StorageFullError(error);
		throw error;
	}
}

function stripLocal(value: IndicatorValue | LocalValue): IndicatorValue {
	const copy = { ...value } as Partial<LocalValue>;
	delete copy.syncState;
	delete copy.rejectReason;
	return copy as IndicatorValue;
}
