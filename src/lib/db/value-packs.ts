import Dexie from 'dexie';
import type { LocalValue, ValuePack, YolDatabase } from './database';

/**
 * Where a device keeps its values, and how every screen reads them.
 *
 * Two homes, never both for one value:
 * - `values`, one record per value, by id: every value this device has written, resolved or
 *   shown as in conflict or refused. Few, and everything that settles edits (the push, the
 *   sync status, conflict review) finds them by id there.
 * - `valuePacks`: every other value the server sent, packed by indicator and period (all places
 *   and cells of that month in one IndexedDB record). A first sync stores 100,000 values as a
 *   few thousand records: each IndexedDB record costs ~50 µs to write whatever its size, which
 *   made one record per value (with its index) several times slower than the network and the
 *   server together. A pack is also exactly what the screens read: one indicator's period.
 *
 * Reads merge the two, a value in `values` standing over any packed copy of it.
 */

/** Where a value sits: what a pack is found by, beside the value's own id. */
export interface ValueRef {
	id: string;
	indicatorId: string;
	period: string;
}

type PackKey = [string, string];

function keyOf(ref: Pick<ValueRef, 'indicatorId' | 'period'>): PackKey {
	return [ref.indicatorId, ref.period];
}

function packId(ref: Pick<ValueRef, 'indicatorId' | 'period'>): string {
	return `${ref.indicatorId}\u0000${ref.period}`;
}

/**
 * Stores values the server sent that this device does not hold in `values`, into their packs.
 * An older copy than the one packed is left out. Callers run it inside a transaction that
 * holds `valuePacks`.
 */
export async function packValues(db: YolDatabase, rows: readonly LocalValue[]): Promise<void> {
	if (rows.length === 0) return;
	const groups = new Map<string, LocalValue[]>();
	for (const row of rows) {
		const id = packId(row);
		const group = groups.get(id);
		if (group) group.push(row);
		else groups.set(id, [row]);
	}
	const lists = [...groups.values()];
	const stored = await db.valuePacks.bulkGet(lists.map((list) => keyOf(list[0]!)));
	const packs: ValuePack[] = lists.map((list, i) => {
		const pack = stored[i] ?? {
			indicatorId: list[0]!.indicatorId,
			period: list[0]!.period,
			values: {}
		};
		for (const row of list) {
			const packed = pack.values[row.id];
			if (packed && packed.rev > row.rev) continue;
			pack.values[row.id] = row;
		}
		return pack;
	});
	await db.valuePacks.bulkPut(packs);
}

/** Takes values out of their packs (deleted on the server, or moved to `values`). */
export async function unpackValues(db: YolDatabase, refs: readonly ValueRef[]): Promise<void> {
	if (refs.length === 0) return;
	const groups = new Map<string, ValueRef[]>();
	for (const ref of refs) {
		const id = packId(ref);
		const group = groups.get(id);
		if (group) group.push(ref);
		else groups.set(id, [ref]);
	}
	const lists = [...groups.values()];
	const stored = await db.valuePacks.bulkGet(lists.map((list) => keyOf(list[0]!)));
	const puts: ValuePack[] = [];
	const deletes: PackKey[] = [];
	lists.forEach((list, i) => {
		const pack = stored[i];
		if (!pack || !list.some((ref) => ref.id in pack.values)) return;
		for (const ref of list) delete pack.values[ref.id];
		if (Object.keys(pack.values).length === 0) deletes.push(keyOf(pack));
		else puts.push(pack);
	});
	if (puts.length) await db.valuePacks.bulkPut(puts);
	if (deletes.length) await db.valuePacks.bulkDelete(deletes);
}

/** A value wherever it is kept, or undefined. */
export async function findValue(db: YolDatabase, ref: ValueRef): Promise<LocalValue | undefined> {
	const own = await db.values.get(ref.id);
	if (own) return own;
	return (await db.valuePacks.get(keyOf(ref)))?.values[ref.id];
}

/**
 * The value as a record of `values` from now on: moved out of its pack when it was packed.
 * For writes that make a value this device's (an edit, a resolution, a conflict marker):
 * returns its current copy, if any; the caller puts the new record in `values` in the same
 * transaction.
 */
export async function claimValue(db: YolDatabase, ref: ValueRef): Promise<LocalValue | undefined> {
	const own = await db.values.get(ref.id);
	if (own) return own;
	const packed = (await db.valuePacks.get(keyOf(ref)))?.values[ref.id];
	if (packed) await unpackValues(db, [ref]);
	return packed;
}

/** The packed values plus this device's own, its own standing over a packed copy. */
function merged(packs: readonly (ValuePack | undefined)[], own: readonly LocalValue[]) {
	const mine = new Set(own.map((v) => v.id));
	const out: LocalValue[] = [];
	for (const pack of packs) {
		if (!pack) continue;
		for (const value of Object.values(pack.values)) if (!mine.has(value.id)) out.push(value);
	}
	out.push(...own);
	return out;
}

/** Every value of some (indicator, period) slices, across all places and cells. */
export async function valuesInSlices(
	db: YolDatabase,
	slices: readonly (readonly [indicatorId: string, period: string])[]
): Promise<LocalValue[]> {
	if (slices.length === 0) return [];
	const keys = slices.map(([indicatorId, period]) => [indicatorId, period] as PackKey);
	const [packs, own] = await Promise.all([
		db.valuePacks.bulkGet(keys),
		db.values.where('[indicatorId+period]').anyOf(keys).toArray()
	]);
	return merged(packs, own);
}

/** Every value of one indicator from period `first` to `last` (both included), oldest first. */
export async function valuesInRange(
	db: YolDatabase,
	indicatorId: string,
	first: string | typeof Dexie.minKey,
	last: string | typeof Dexie.maxKey
): Promise<LocalValue[]> {
	const [packs, own] = await Promise.all([
		db.valuePacks
			.where('[indicatorId+period]')
			.between([indicatorId, first], [indicatorId, last], true, true)
			.toArray(),
		db.values
			.where('[indicatorId+period]')
			.between([indicatorId, first], [indicatorId, last], true, true)
			.toArray()
	]);
	return merged(packs, own).sort((a, b) =>
		a.period < b.period ? -1 : a.period > b.period ? 1 : 0
	);
}

/**
 * The values of the newest (or oldest) period from `first` to `last` that holds a value that
 * counts (`real`), or none. Reads period by period from that end, usually one pack.
 */
export async function edgeSlice(
	db: YolDatabase,
	indicatorId: string,
	first: string,
	last: string,
	end: 'newest' | 'oldest',
	real: (value: LocalValue) => boolean
): Promise<LocalValue[]> {
	const lower = [indicatorId, first];
	const upper = [indicatorId, last];
	const [packed, own] = await Promise.all([
		db.valuePacks.where('[indicatorId+period]').between(lower, upper, true, true).primaryKeys(),
		db.values.where('[indicatorId+period]').between(lower, upper, true, true).toArray()
	]);
	const periods = new Set<string>(own.map((v) => v.period));
	for (const key of packed) periods.add((key as unknown as PackKey)[1]);
	const order = [...periods].sort();
	if (end === 'newest') order.reverse();
	for (const period of order) {
		const pack = await db.valuePacks.get([indicatorId, period]);
		const slice = merged(
			[pack],
			own.filter((v) => v.period === period)
		);
		if (slice.some(real)) return slice;
	}
	return [];
}

/** Every value on the device, packed and its own (tests, and checks by hand). */
export async function allValues(db: YolDatabase): Promise<LocalValue[]> {
	const [packs, own] = await Promise.all([db.valuePacks.toArray(), db.values.toArray()]);
	return merged(packs, own);
}
