import { parseIndicatorValue, type IndicatorValue } from '$lib/domain/indicators';
import type { CurrentValue, ImportTarget } from '$lib/domain/import/preview';
import type {
	HistoryEntry,
	ImportedValue,
	ImportRecord,
	LocalValue,
	OutboxEntry,
	YolDatabase
} from './database';
export type { ImportRecord } from './database';
import { StorageFullError, isQuotaError } from './errors';
import { shadowKey } from '$lib/sync/records';
import { packValues, unpackValues, valuesInSlices } from './value-packs';

/**
 * An import's rows written on this device, and undone as a whole while none of them has been
 * sent. The same records as a typed value (values.ts saveValue): the value in `values`, its
 * outbox entry and its history line; all rows of an import in ONE transaction, so a confirm
 * either writes every accepted row or none, and the push sends each exactly once.
 */

/** A row to write: the value it names and what it becomes. */
export interface ImportWrite {
	target: ImportTarget;
	value: number;
	comment: string;
}

/** The device's current values for the targets of a preview, by value id. */
export async function currentValues(
	db: YolDatabase,
	targets: readonly Pick<ImportTarget, 'indicatorId' | 'period'>[]
): Promise<Map<string, CurrentValue>> {
	const slices = new Map<string, [string, string]>();
	for (const t of targets)
		slices.set(`${t.indicatorId}\u0000${t.period}`, [t.indicatorId, t.period]);
	const values = await valuesInSlices(db, [...slices.values()]);
	return new Map(
		values.filter((v) => !v.deleted).map((v) => [v.id, { value: v.value, comment: v.comment }])
	);
}

export type SaveImportResult = { ok: true; record: ImportRecord; written: number };

/**
 * Writes the accepted rows. A row whose value already is what the file says (saved since the
 * preview, in another tab) is left out rather than sent again.
 */
export async function saveImport(
	db: YolDatabase,
	rows: readonly ImportWrite[],
	by: string,
	fileName: string,
	now: Date = new Date()
): Promise<SaveImportResult> {
	const at = now.toISOString();
	try {
		return await db.transaction(
			'rw',
			[db.values, db.valuePacks, db.outbox, db.history, db.imports],
			async () => {
				const ids = rows.map((r) => r.target.id);
				const own = await db.values.bulkGet(ids);
				const keys = new Map<string, [string, string]>();
				for (const r of rows) {
					keys.set(`${r.target.indicatorId}\u0000${r.target.period}`, [
						r.target.indicatorId,
						r.target.period
					]);
				}
				const packList = await db.valuePacks.bulkGet([...keys.values()]);
				const packs = new Map([...keys.keys()].map((k, i) => [k, packList[i]]));

				const importId = crypto.randomUUID();
				const records: LocalValue[] = [];
				const outbox: OutboxEntry[] = [];
				const history: HistoryEntry[] = [];
				const imported: ImportedValue[] = [];
				const unpack: LocalValue[] = [];
				rows.forEach((row, i) => {
					const { target } = row;
					const mine = own[i];
					const packed = mine
						? undefined
						: packs.get(`${target.indicatorId}\u0000${target.period}`)?.values[target.id];
					const existing = mine ?? packed;
					if (
						existing &&
						!existing.deleted &&
						existing.value === row.value &&
						existing.comment === row.comment
					) {
						return;
					}
					const candidate: IndicatorValue = {
						...target,
						value: row.value,
						comment: row.comment,
						updatedAt: at,
						updatedBy: by,
						// rev stays the last revision the server confirmed: the base of this edit.
						rev: existing?.rev ?? 0,
						deleted: false
					};
					const parsed = parseIndicatorValue(candidate);
					// The preview checked every row with the same schema: a failure here is a bug.
					if (!parsed.ok)
						throw new Error(`import row ${target.id}: ${parsed.problems[0]?.message}`);
					const mutationId = crypto.randomUUID();
					records.push({ ...parsed.value, syncState: 'local' });
					if (packed) unpack.push(packed);
					outbox.push({
						mutationId,
						entity: 'value',
						entityId: target.id,
						op: 'put',
						baseRev: candidate.rev,
						changed: existing
							? (['value', 'comment'] as const).filter((f) => existing[f] !== parsed.value[f])
							: ['value', 'comment'],
						data: parsed.value,
						createdAt: at,
						importId
					});
					history.push({
						entity: 'value',
						entityId: target.id,
						at,
						by,
						from: existing?.value ?? null,
						to: row.value,
						comment: row.comment,
						source: 'this_device'
					});
					imported.push({
						id: target.id,
						mutationId,
						previous: existing ?? null,
						packed: !!packed
					});
				});
				await unpackValues(db, unpack);
				await db.values.bulkPut(records);
				await db.outbox.bulkAdd(outbox);
				await db.history.bulkAdd(history);
				const record: ImportRecord = {
					id: importId,
					at,
					by,
					fileName,
					values: imported
				};
				if (imported.length > 0) await db.imports.add(record);
				return { ok: true, record, written: imported.length };
			}
		);
	} catch (error) {
		if (isQuotaError(error)) throw new StorageFullError(error);
		throw error;
	}
}

/** Whether an import can still be undone: how many of its changes wait, of how many. */
export interface ImportState {
	record: ImportRecord;
	waiting: number;
}

/** This device's imports, newest first, with how many of their changes are still unsent. */
export async function importStates(db: YolDatabase): Promise<ImportState[]> {
	return db.transaction('r', db.imports, db.outbox, async () => {
		const records = await db.imports.orderBy('at').reverse().toArray();
		if (records.length === 0) return [];
		// One count of the index per import: no waiting change is read, however many there are.
		const waiting = await Promise.all(
			records.map((record) => db.outbox.where('importId').equals(record.id).count())
		);
		return records.map((record, i) => ({ record, waiting: waiting[i]! }));
	});
}

export type UndoResult =
	{ ok: true; restored: number } | { ok: false; reason: 'gone' | 'sent' | 'edited' };

/**
 * Takes an import back: its outbox entries leave, and every value it wrote is what it was
 * before (back in its pack when it was packed), or gone when it was new. Only while none of its
 * changes has been sent ('sent' otherwise: the server has some, and an undo on the tablet alone
 * would make the two disagree), and while none of its values was edited since ('edited': that
 * edit would be lost). The caller holds the sync lock, so no push is reading the outbox meanwhile.
 */
export async function undoImport(
	db: YolDatabase,
	importId: string,
	by: string,
	now = new Date()
): Promise<UndoResult> {
	return db.transaction(
		'rw',
		[db.values, db.valuePacks, db.outbox, db.history, db.imports, db.meta],
		async () => {
			const record = await db.imports.get(importId);
			if (!record) return { ok: false, reason: 'gone' } as const;
			const ids = record.values.map((v) => v.id);
			const entries = await db.outbox.where('entityId').anyOf(ids).toArray();
			const mine = new Set(record.values.map((v) => v.mutationId));
			const found = entries.filter((e) => mine.has(e.mutationId));
			if (found.length !== record.values.length) return { ok: false, reason: 'sent' } as const;
			const importSeq = new Map(found.map((e) => [e.entityId, e.seq!]));
			if (entries.some((e) => !mine.has(e.mutationId) && e.seq! > importSeq.get(e.entityId)!)) {
				return { ok: false, reason: 'edited' } as const;
			}
			await db.outbox.bulkDelete(found.map((e) => e.seq!));
			// A copy the server sent while the import waited (a shadow, see records.ts) is newer
			// than what the import replaced: it is what the value goes back to.
			const shadows = await db.meta.bulkGet(ids.map((id) => shadowKey('value', id)));
			const toPack: LocalValue[] = [];
			const toPut: LocalValue[] = [];
			const toDelete: string[] = [];
			const at = now.toISOString();
			const history: HistoryEntry[] = [];
			const current = await db.values.bulkGet(ids);
			record.values.forEach((v, i) => {
				let previous = v.previous;
				const shadow = shadows[i]?.value as
					{ rev: number; deleted: boolean; data: unknown } | undefined;
				if (shadow) {
					const parsed = shadow.deleted
						? undefined
						: parseIndicatorValue({ ...(shadow.data as object), rev: shadow.rev, deleted: false });
					previous = parsed?.ok ? { ...parsed.value, syncState: 'synced' } : null;
				}
				if (previous === null) toDelete.push(v.id);
				else if (v.packed || shadow) {
					toDelete.push(v.id);
					toPack.push(previous);
				} else toPut.push(previous);
				history.push({
					entity: 'value',
					entityId: v.id,
					at,
					by,
					from: current[i]?.value ?? null,
					to: previous?.value ?? null,
					comment: 'import undone',
					source: 'this_device'
				});
			});
			await db.meta.bulkDelete(
				ids.filter((_, i) => shadows[i]).map((id) => shadowKey('value', id))
			);
			await db.values.bulkDelete(toDelete);
			await db.values.bulkPut(toPut);
			await packValues(db, toPack);
			await db.history.bulkAdd(history);
			await db.imports.delete(importId);
			return { ok: true, restored: record.values.length } as const;
		}
	);
}
