import type { Entity, Outcome } from '../../domain/sync/protocol';
import { writeAudits, type AuditEntry } from '../auth/audit';
import { insertRows } from '../db/bulk';
import type { Store } from '../db/store';
import {
	getRecord,
	getRecords,
	upsertRecords,
	type RecordWrite,
	type StoredRecord
} from './records';

/** What became of one seq, as mutation_log keeps it for the device's retries. */
export interface LogRow {
	mutation_id: string;
	outcome: Outcome;
	rev: number | null;
	conflict_id: string | null;
	reason: string | null;
}

type PendingRecord = RecordWrite & { dataJson: string | null };
type PendingAudit = AuditEntry & { oldJson?: string | null; newJson?: string | null };

/**
 * The writes of one push, gathered and sent to the database in a few multi-row statements
 * instead of five statements per mutation (which made a push of 10,000 values take seconds on
 * SQLite and a minute on PostgreSQL). All of it runs inside the push's one transaction, so
 * gathering changes nothing about what commits together: the records, their audit lines, the
 * log of answers and the revision counter are written by `flush`, before the device's last_seq.
 *
 * Reads stay correct while writes wait: `current` answers from the records this push has
 * loaded or written, and the push flushes before and after any mutation whose checks read other
 * tables (the catalogue, a conflict), so those reads see every earlier change of the push.
 *
 * Revisions: the push holds the revision lock (lockRevisions) or SQLite's write lock for the
 * whole transaction, so it reads the counter once, hands out the next numbers itself and stores
 * the last one at each flush.
 */
export class PushWrites {
	readonly #tx: Store;
	readonly #known = new Map<string, StoredRecord | null>();
	#records = new Map<string, PendingRecord>();
	#audits: PendingAudit[] = [];
	#log: (readonly [number, LogRow])[] = [];
	#deviceId: string;
	#rev: number | undefined;
	#storedRev: number | undefined;

	constructor(tx: Store, deviceId: string) {
		this.#tx = tx;
		this.#deviceId = deviceId;
	}

	get tx(): Store {
		return this.#tx;
	}

	/** Loads the current records of these mutations in one query per entity. */
	async preload(wanted: readonly { entity: Entity; entityId: string }[]): Promise<void> {
		const byEntity = new Map<Entity, Set<string>>();
		for (const { entity, entityId } of wanted) {
			if (this.#known.has(key(entity, entityId))) continue;
			const ids = byEntity.get(entity) ?? new Set<string>();
			ids.add(entityId);
			byEntity.set(entity, ids);
		}
		for (const [entity, ids] of byEntity) {
			const found = await getRecords(this.#tx, entity, [...ids]);
			for (const id of ids) this.#known.set(key(entity, id), found.get(id) ?? null);
		}
	}

	/** The record as it stands in this push: loaded, written by an earlier mutation, or read now. */
	async current(entity: Entity, id: string): Promise<StoredRecord | undefined> {
		const k = key(entity, id);
		let record = this.#known.get(k);
		if (record === undefined) {
			record = (await getRecord(this.#tx, entity, id)) ?? null;
			this.#known.set(k, record);
		}
		return record ?? undefined;
	}

	/** The next revision of the server's counter. */
	async nextRev(): Promise<number> {
		if (this.#rev === undefined) {
			const row = await this.#tx.get<{ rev: number }>('SELECT rev FROM sync_revision WHERE id = 1');
			if (!row) throw new Error('sync_revision has no row (migration 002 not applied?)');
			this.#rev = row.rev;
			this.#storedRev = row.rev;
		}
		this.#rev += 1;
		return this.#rev;
	}

	/** Writes a record (at flush); returns its data as JSON, for an audit line that shows it. */
	record(write: RecordWrite): string | null {
		const dataJson =
			write.data === null || write.data === undefined ? null : JSON.stringify(write.data);
		const k = key(write.entity, write.id);
		// A later write of the same record in this push replaces the earlier one: only the last
		// reaches the table, as it would have after writing both.
		this.#records.delete(k);
		this.#records.set(k, { ...write, dataJson });
		this.#known.set(k, {
			entity: write.entity,
			id: write.id,
			rev: write.rev,
			deleted: write.deleted,
			data: write.data,
			fieldRevs: write.fieldRevs,
			dataJson
		});
		return dataJson;
	}

	audit(entry: PendingAudit): void {
		this.#audits.push(entry);
	}

	log(seq: number, row: LogRow): void {
		this.#log.push([seq, row]);
	}

	/** Sends everything gathered so far to the database (still inside the push's transaction). */
	async flush(): Promise<void> {
		if (this.#records.size > 0) {
			await upsertRecords(this.#tx, [...this.#records.values()]);
			this.#records = new Map();
		}
		if (this.#audits.length > 0) {
			await writeAudits(this.#tx, this.#audits);
			this.#audits = [];
		}
		if (this.#log.length > 0) {
			await insertRows(
				this.#tx,
				`INSERT INTO mutation_log (device_id, seq, mutation_id, outcome, rev, conflict_id, reason)`,
				this.#log.map(([seq, row]) => [
					this.#deviceId,
					seq,
					row.mutation_id,
					row.outcome,
					row.rev,
					row.conflict_id,
					row.reason
				])
			);
			this.#log = [];
		}
		if (this.#rev !== undefined && this.#rev !== this.#storedRev) {
			await this.#tx.run('UPDATE sync_revision SET rev = $1 WHERE id = 1', [this.#rev]);
			this.#storedRev = this.#rev;
		}
	}
}

function key(entity: Entity, id: string): string {
	return `${entity}\u0000${id}`;
}
