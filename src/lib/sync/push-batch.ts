import { MAX_MUTATIONS_PER_PUSH, type Mutation, type PushRequest } from '$lib/domain/sync/protocol';
import type { OutboxEntry, YolDatabase } from '$lib/db/database';

// What one push carries (push.ts sends it): the outbox's next changes cut to the server's limits,
// each encoded once, and the request body built from them.

export function toMutation(entry: OutboxEntry): Mutation {
	return {
		seq: entry.seq!,
		mutationId: entry.mutationId,
		entity: entry.entity,
		entityId: entry.entityId,
		op: entry.op,
		baseRev: entry.baseRev,
		changed: entry.changed,
		data: entry.data,
		...(entry.resolves ? { resolves: entry.resolves } : {})
	};
}

/**
 * How much one push may carry. The server refuses bodies over its limit (512 KB unless
 * BODY_SIZE_LIMIT says otherwise) with 413; a push stops adding changes at this size, and after
 * a 413 the budget halves for the rest of the round. A single change larger than the budget
 * still goes, alone.
 */
export const PUSH_BODY_BUDGET = 448 * 1024;

export interface Batch {
	entries: OutboxEntry[];
	/** Each entry's mutation as JSON, measured against the budget and sent as is. */
	encoded: string[];
}

/** The outbox's next changes after seq `after`, in seq order, as many as fit one push. */
export async function nextBatch(
	db: YolDatabase,
	after: number,
	limits: { count: number; bytes: number }
): Promise<Batch> {
	return (await nextBatches(db, after, limits, 1))[0]!;
}

/**
 * The outbox's next changes after seq `after`, in seq order, cut into at most `pushes` batches
 * that each fit one push (the first one possibly empty, the others never).
 */
export async function nextBatches(
	db: YolDatabase,
	after: number,
	limits: { count: number; bytes: number },
	pushes: number
): Promise<Batch[]> {
	const count = Math.min(limits.count, MAX_MUTATIONS_PER_PUSH);
	const waiting = await db.outbox
		.where(':id')
		.above(after)
		.limit(count * pushes)
		.toArray();
	const batches: Batch[] = [{ entries: [], encoded: [] }];
	let size = 0;
	for (const entry of waiting) {
		const json = JSON.stringify(toMutation(entry));
		let batch = batches.at(-1)!;
		const full =
			batch.entries.length >= count ||
			(batch.entries.length > 0 && size + json.length + 1 > limits.bytes);
		if (full) {
			if (batches.length === pushes) break;
			batch = { entries: [], encoded: [] };
			batches.push(batch);
			size = 0;
		}
		batch.entries.push(entry);
		batch.encoded.push(json);
		size += json.length + 1;
	}
	return batches;
}

/** The push's JSON body from its mutations already encoded (nextBatch measured them so). */
export function encodePush(request: PushRequest, mutations: readonly string[]): string {
	const { protocol, schema, deviceId, settledThrough, deviceName, pending } = request;
	const settled = settledThrough === undefined ? '' : `"settledThrough":${settledThrough},`;
	const named = deviceName ? `"deviceName":${JSON.stringify(deviceName)},` : '';
	const left = pending === undefined ? '' : `"pending":${pending},`;
	return `{"protocol":${protocol},"schema":${schema},"deviceId":${JSON.stringify(deviceId)},${settled}${named}${left}"mutations":[${mutations.join(',')}]}`;
}
