import Dexie, { type EntityTable, type Table } from 'dexie';
import type { Indicator, IndicatorValue } from '$lib/domain/indicators';
import type { Location } from '$lib/domain/locations';
import type { ConflictRecord, ResolutionChoice, Resolves } from '$lib/domain/sync/conflict';
import type { Measure, MeasureNote } from '$lib/domain/measures';
import type { Meeting } from '$lib/domain/meetings';
import type { Organisation } from '$lib/domain/organisations';
import type { Rule } from '$lib/domain/rules/schema';
import type { Setting } from '$lib/domain/settings';
import type { MappingAnswer } from '$lib/domain/exchange/api';
import type { Entity } from '$lib/domain/sync/protocol';

/**
 * How a record stands with the server, shown beside every value in words:
 * local = saved on this device only; synced = the server has it; conflict = another device
 * changed the same value from the same base; rejected = the server refused it (reason kept).
 */
export type SyncState = 'local' | 'synced' | 'conflict' | 'rejected';

export interface LocalValue extends IndicatorValue {
	syncState: SyncState;
	/** Why the server refused the last change, in the server's words. */
	rejectReason?: string;
}

/**
 * Values the server sent that this device keeps as they came: all places and cells of one
 * indicator in one period, by value id (see value-packs.ts).
 */
export interface ValuePack {
	indicatorId: string;
	period: string;
	values: Record<string, LocalValue>;
}

export interface LocalIndicator extends Indicator {
	rev: number;
	syncState: SyncState;
}

export interface LocalLocation extends Location {
	rev: number;
	syncState: SyncState;
}

/** A synced record as this device keeps it: the server revision it shows, and its state. */
type Synced<T> = T & { rev: number; syncState: SyncState; rejectReason?: string };

export type LocalOrganisation = Synced<Organisation>;
export type LocalMeasure = Synced<Measure>;
export type LocalMeasureNote = Synced<MeasureNote>;
export type LocalMeeting = Synced<Meeting>;
export type LocalSetting = Synced<Setting>;
export type LocalRule = Synced<Rule>;

/** What a device keeps in tables of its own (conflicts arrive from the server, in their own table). */
export type EntityKind = Exclude<Entity, 'conflict'>;

/**
 * One change waiting for the server. `seq` numbers this device's mutations in order, so the
 * server can apply each exactly once; `baseRev` is the server revision the change was made on,
 * which is how the server tells an edit from a conflicting edit.
 */
export interface OutboxEntry {
	seq?: number;
	mutationId: string;
	entity: EntityKind;
	entityId: string;
	op: 'put' | 'delete';
	baseRev: number;
	/** The fields this change touched (all of them for a new record), so edits can merge. */
	changed: string[];
	data: unknown;
	createdAt: string;
	/** This value put settles a conflict (see protocol.ts MutationSchema). */
	resolves?: Resolves;
	/** The spreadsheet import that made this change (imports.ts); never sent to the server. */
	importId?: string;
}

/**
 * A conflict as pulled from the server (`rev` is its record's revision), plus what this device
 * did about it: `pending` is a resolution chosen here and waiting in the outbox (the conflict
 * already leaves "to review"); `refused` is the server's answer when such a resolution could not
 * apply, shown on the review until the conflict is settled.
 */
export interface LocalConflict extends ConflictRecord {
	rev: number;
	pending?: { choice: ResolutionChoice; at: string; by: string; value: number | null };
	refused?: string;
}

/** A change to a record as this device saw it: who, when, from what to what. */
export interface HistoryEntry {
	id?: number;
	entity: EntityKind;
	entityId: string;
	at: string;
	by: string;
	from: number | null;
	to: number | null;
	comment: string;
	source: 'this_device' | 'server';
}

/** What one imported value replaced, so an undo can put it back where it was (imports.ts). */
export interface ImportedValue {
	id: string;
	mutationId: string;
	/** The value before the import, or null when there was none. */
	previous: LocalValue | null;
	/** True when the previous value was kept in its pack (value-packs.ts), not in `values`. */
	packed: boolean;
}

/** One confirmed import, kept until it is undone (device-local; never synced). */
export interface ImportRecord {
	id: string;
	at: string;
	by: string;
	fileName: string;
	values: ImportedValue[];
}

/**
 * The working group's DHIS2 mapping as the server last gave it (GET /api/exchange/mapping), so
 * that a coordinator exports offline with the UIDs the group agreed on.
 */
export interface LocalExchangeMapping {
	id: string;
	answer: MappingAnswer;
	fetchedAt: string;
}

export interface MetaEntry {
	key: string;
	value: unknown;
}

export class YolDatabase extends Dexie {
	indicators!: EntityTable<LocalIndicator, 'id'>;
	locations!: EntityTable<LocalLocation, 'id'>;
	values!: EntityTable<LocalValue, 'id'>;
	valuePacks!: Table<ValuePack, [string, string]>;
	organisations!: EntityTable<LocalOrganisation, 'id'>;
	measures!: EntityTable<LocalMeasure, 'id'>;
	measureNotes!: EntityTable<LocalMeasureNote, 'id'>;
	meetings!: EntityTable<LocalMeeting, 'id'>;
	settings!: EntityTable<LocalSetting, 'id'>;
	rules!: EntityTable<LocalRule, 'id'>;
	outbox!: EntityTable<OutboxEntry, 'seq'>;
	history!: EntityTable<HistoryEntry, 'id'>;
	meta!: EntityTable<MetaEntry, 'key'>;
	conflicts!: EntityTable<LocalConflict, 'id'>;
	imports!: EntityTable<ImportRecord, 'id'>;
	exchangeMappings!: EntityTable<LocalExchangeMapping, 'id'>;

	constructor(name: string) {
		super(name);
		// Every change to this list is a new version (never an edit of an old one), with an
		// upgrade function when existing data must move, and a test in database.spec.ts that
		// opens a database of the previous version and finds its data intact.
		this.version(1).stores({
			indicators: 'id, &code, area',
			locations: 'id, parentId',
			// [indicatorId+period] serves the entry form (one indicator, its last periods, all
			// places); [indicatorId+locationId+period] one place's grid.
			values: 'id, [indicatorId+period], [indicatorId+locationId+period], syncState',
			outbox: '++seq, entityId',
			history: '++id, entityId',
			meta: 'key'
		});
		// The roadmap: organisations, measures, their notes on work done, working-group meetings.
		// New tables only, so no upgrade function: a device pulls them on its next sync.
		this.version(2).stores({
			organisations: 'id',
			measures: 'id, chapter',
			measureNotes: 'id, measureId, date',
			meetings: 'id, date'
		});
		// Version 3: conflicts pulled for review, by id and by the value they are about (the entry
		// cell links to its open conflict).
		this.version(3).stores({
			conflicts: 'id, entityId'
		});
		// Version 5 (4 is left to the outbox): values keep one compound index instead of two, and
		// no index of every record's state. A first sync writes 100,000 values and each index entry
		// is another write: [indicatorId+period+locationId] serves one place's grid (all three) and,
		// through its prefix (Dexie's virtual index), [indicatorId+period] for every place;
		// `rejectReason` exists only on a rejected value, so its index holds those few records and
		// nothing for a synced one. Indexes only: no data moves.
		this.version(5).stores({
			values: 'id, [indicatorId+period+locationId], rejectReason'
		});
		// Version 6: the working group's settings, synced (the small-count threshold was a setting
		// of each device, kept in meta: a device's own choice is dropped for the group's).
		this.version(6)
			.stores({ settings: 'id' })
			.upgrade((tx) => tx.table('meta').delete('dashboard.suppression_threshold'));
		// Version 7: the server's values are packed by indicator and period (value-packs.ts), and
		// `values` keeps the ones this device wrote or marks. The synced values with nothing
		// waiting move into their packs, so a tablet that synced before this version gets the
		// same smaller, faster store.
		this.version(7)
			.stores({ valuePacks: '[indicatorId+period]' })
			.upgrade(async (tx) => {
				const waiting = new Set<string>();
				await tx.table<OutboxEntry>('outbox').each((entry) => {
					if (entry.entity === 'value') waiting.add(entry.entityId);
				});
				const values = tx.table<LocalValue, string>('values');
				const moving = await values
					.filter((v) => v.syncState === 'synced' && !waiting.has(v.id))
					.toArray();
				const packs = new Map<string, ValuePack>();
				for (const value of moving) {
					const key = `${value.indicatorId}\u0000${value.period}`;
					let pack = packs.get(key);
					if (!pack) {
						pack = { indicatorId: value.indicatorId, period: value.period, values: {} };
						packs.set(key, pack);
					}
					pack.values[value.id] = value;
				}
				await tx.table<ValuePack>('valuePacks').bulkPut([...packs.values()]);
				await values.bulkDelete(moving.map((v) => v.id));
			});
		// Version 13: spreadsheet imports confirmed on this device, each with what its values
		// replaced, so one can be undone as a whole until it syncs (imports.ts). Never synced.
		this.version(13).stores({ imports: 'id, at' });
		// Version 15 (14 is another feature's): the DHIS2 mapping kept for offline
		// exports. A new table only: the exchange screen fetches the mapping when next online.
		this.version(15).stores({ exchangeMappings: 'id' });
		// Version 16: the coordinator's validation rules, synced like the catalogue and found by
		// the indicator they check. A new table only: the device pulls its rules on the next sync.
		this.version(16).stores({ rules: 'id, indicatorId' });
		// Version 17: an import's waiting changes carry its id, indexed, so the import screen counts
		// them with one IndexedDB count per import. It read every waiting change (40,000 after four
		// large imports), and a live query also tracked each key it read: seconds of the page's
		// thread on every refresh. Changes of earlier imports get their import's id.
		this.version(17)
			.stores({ outbox: '++seq, entityId, importId' })
			.upgrade(async (tx) => {
				const byMutation = new Map<string, string>();
				await tx.table<ImportRecord>('imports').each((record) => {
					for (const v of record.values) byMutation.set(v.mutationId, record.id);
				});
				if (byMutation.size === 0) return;
				await tx
					.table<OutboxEntry>('outbox')
					.toCollection()
					.modify((entry) => {
						const importId = byMutation.get(entry.mutationId);
						if (importId) entry.importId = importId;
					});
			});
	}
}

/**
 * The one database every device used before accounts existed. Nobody owns it, so it must not
 * linger on a tablet (personal data readable by whoever opens the browser), and the changes in
 * its outbox were typed by a person and must not be lost (see legacy.ts).
 */
export const LEGACY_DATABASE_NAME = 'yol-local';

/**
 * Each user who signs in on this device keeps their data in their own database, named after
 * them, so a second person on a shared tablet never reads the first one's records, even offline.
 */
export function userDatabaseName(userId: string): string {
	return `yol-u-${userId}`;
}

let owner: string | null = null;
let instance: YolDatabase | undefined;

/**
 * Chooses whose database `localDb()` opens: the signed-in user's (set once at start-up, before
 * any page asks), or nobody's. Switching users reloads the app, so a database is never swapped
 * under an open page; this closes the old one anyway.
 */
export function selectLocalDb(userId: string | null): void {
	if (userId === owner) return;
	instance?.close();
	instance = undefined;
	owner = userId;
}

/** The signed-in user's database on this device. */
export function localDb(): YolDatabase {
	if (owner === null) throw new Error('No user is signed in on this device');
	instance ??= new YolDatabase(userDatabaseName(owner));
	return instance;
}

/** Deletes a user's local copy (their database) from this device. */
export async function deleteUserDatabase(userId: string): Promise<void> {
	if (userId === owner) selectLocalDb(null);
	await Dexie.delete(userDatabaseName(userId));
}
