import { describe, expect, it } from 'vitest';
import type { OutboxEntry, YolDatabase } from '$lib/db/database';
import { useFreshDb } from '../../../tests/factories/local-db';
import { nextBatch, nextBatches } from './push-batch';

let db: YolDatabase;
useFreshDb((fresh) => (db = fresh));

/** `count` waiting changes, each with a comment of `size` characters. */
async function queue(count: number, size = 10): Promise<void> {
	const entries: OutboxEntry[] = Array.from({ length: count }, (_, i) => ({
		mutationId: `m-${i}`,
		entity: 'value',
		entityId: `v-${i}`,
		op: 'put',
		baseRev: 0,
		changed: ['comment'],
		data: { comment: 'x'.repeat(size) },
		createdAt: '2026-12-06T10:00:00.000Z'
	}));
	await db.outbox.bulkAdd(entries);
}

const seqs = (batches: { entries: OutboxEntry[] }[]) =>
	batches.map((b) => b.entries.map((e) => e.seq));

describe('reading the outbox ahead (several pushes in one read)', () => {
	it('cuts the waiting changes into pushes of the allowed count, in seq order, none twice', async () => {
		await queue(10);
		const batches = await nextBatches(db, 0, { count: 3, bytes: 1_000_000 }, 4);
		expect(seqs(batches)).toEqual([[1, 2, 3], [4, 5, 6], [7, 8, 9], [10]]);
		// Each mutation is sent as it was measured.
		expect(JSON.parse(batches[3]!.encoded[0]!)).toMatchObject({ seq: 10, entityId: 'v-9' });
	});

	it('reads no further than it was asked, and from after the last change sent', async () => {
		await queue(10);
		expect(seqs(await nextBatches(db, 0, { count: 3, bytes: 1_000_000 }, 2))).toEqual([
			[1, 2, 3],
			[4, 5, 6]
		]);
		expect(seqs(await nextBatches(db, 6, { count: 3, bytes: 1_000_000 }, 4))).toEqual([
			[7, 8, 9],
			[10]
		]);
	});

	it('keeps each push under the byte budget; a change larger than it still goes, alone', async () => {
		await queue(3, 400);
		const one = (await nextBatch(db, 0, { count: 10, bytes: 1_000 })).encoded[0]!.length;
		// Two changes fit the budget, a third does not.
		const budget = 2 * (one + 1) + 10;
		expect(seqs(await nextBatches(db, 0, { count: 10, bytes: budget }, 4))).toEqual([[1, 2], [3]]);
		expect(seqs(await nextBatches(db, 0, { count: 10, bytes: 10 }, 4))).toEqual([[1], [2], [3]]);
	});

	it('gives one empty batch when nothing is waiting', async () => {
		expect(await nextBatches(db, 0, { count: 3, bytes: 1_000 }, 4)).toEqual([
			{ entries: [], encoded: [] }
		]);
		expect(await nextBatch(db, 0, { count: 3, bytes: 1_000 })).toEqual({
			entries: [],
			encoded: []
		});
	});
});
