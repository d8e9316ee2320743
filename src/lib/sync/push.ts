import {
	CLIENT_SCHEMA_VERSION,
	MAX_MUTATIONS_PER_PUSH,
	PROTOCOL_VERSION,
	type MutationResult,
	type PushResponse
} from '$lib/domain/sync/protocol';
import type { OutboxEntry, YolDatabase } from '$lib/db/database';
import { deviceName } from '$lib/db/device';
import { settleAnswer } from './push-answers';
import {
	PUSH_BODY_BUDGET,
	encodePush,
	nextBatch,
	nextBatches,
	toMutation,
	type Batch
} from './push-batch';
import { emptySummary, type SyncSummary } from './records';
import { SyncHttpError, type SyncTransport } from './transport';

// The push half of the sync engine (see engine.ts): this device's outbox to the server, batch by
// batch (push-batch.ts), and each answer written down (push-answers.ts). Loaded only on a round
// that has something to send or settle.

/** What the engine settles after every round's pull (see engine.ts). */
export { settleAcknowledgedLeftovers } from './push-answers';

/**
 * How many pushes' worth of the outbox one read takes. Reading the next batch waits for the
 * answer being written down (both use the outbox), which put a write and a read between any two
 * pushes; read ahead, most pushes go out as soon as the last answer comes.
 */
const READ_AHEAD = 4;

/**
 * Sends the outbox in seq order, batch by batch, and settles each answer. One push at a time
 * (the server trims its answers below what a push says is settled, and must see a device's seqs
 * in order), but the next batch is read and encoded while the current one is on its way, and
 * once the server says it keeps unsettled answers (keepsUnsettled) the next push goes out while
 * this answer is still being written down: the server's work and IndexedDB's overlap.
 *
 * Why that is safe: the next push names the seq before the oldest answer not yet written down
 * (settledThrough), and the server keeps every answer above it. Should the tab close before an
 * answer is written, its changes are still in the outbox and go again, and the server answers
 * them from its log exactly as the first time (a conflict stays a conflict, a refusal keeps its
 * reason). Answers are written down one after another, in seq order; the outbox is read from its
 * start only once they all are; an error from any of them ends the round after the push in flight.
 */
export async function pushOutbox(
	db: YolDatabase,
	transport: SyncTransport,
	deviceId: string,
	summary: SyncSummary = emptySummary()
): Promise<SyncSummary> {
	const limits = { count: MAX_MUTATIONS_PER_PUSH, bytes: PUSH_BODY_BUDGET };
	// The tablet's name goes with every push, so a conflict can say which tablet a version is from.
	const named = await deviceName(db);
	const writer = new AnswerWriter();
	let upcoming: Promise<Batch> | undefined;
	/** Batches read ahead (READ_AHEAD), next first; dropped whenever the loop starts over. */
	let ahead: Batch[] = [];
	/** The changes renumbered in this round (mutationId), to send each again only once. */
	const renumbered = new Set<string>();
	for (;;) {
		const { entries: batch, encoded } = await (upcoming ??
			writer.done().then(() => nextBatch(db, 0, limits)));
		upcoming = undefined;
		writer.throwIfFailed();
		if (batch.length === 0) {
			await writer.done();
			return summary;
		}
		const request = {
			protocol: PROTOCOL_VERSION,
			schema: CLIENT_SCHEMA_VERSION,
			deviceId,
			settledThrough: writer.settledBefore(batch[0]!.seq!),
			...(named ? { deviceName: named } : {}),
			// What is left to send, this push included: the administrator's device list, and the
			// moment a tablet marked lost 'push-first' may be wiped.
			pending: await db.outbox.count(),
			mutations: batch.map(toMutation)
		};
		// If the answer is lost, the same entries go again and the server answers 'duplicate'.
		const sent = transport.push(request, encodePush(request, encoded));
		const lastSent = batch.at(-1)!.seq!;
		const prefetch: Promise<Batch[]> =
			ahead.length > 0 ? Promise.resolve(ahead) : nextBatches(db, lastSent, limits, READ_AHEAD);
		prefetch.catch(() => undefined);
		ahead = [];
		let response: PushResponse;
		try {
			response = await sent;
		} catch (error) {
			// What was answered before still gets written down; its failure is the one that counts.
			await writer.done();
			if (!(error instanceof SyncHttpError) || batch.length === 1) throw error;
			// Too large for the server: smaller pushes, down to one change (which may still be).
			if (error.status === 413) limits.bytes = Math.max(1, Math.floor(limits.bytes / 2));
			// A server from before larger pushes: fewer changes at a time.
			else if (error.status === 400 && error.field === 'mutations') {
				limits.count = Math.max(1, Math.floor(batch.length / 2));
			} else throw error;
			continue;
		}
		const bySeq = new Map(batch.map((entry) => [entry.seq!, entry]));
		const answered: [OutboxEntry, MutationResult][] = [];
		/** The changes the server applied nothing of under their seqs: sent again, renumbered. */
		const resend: OutboxEntry[] = [];
		for (const result of response.results) {
			const entry = bySeq.get(result.seq);
			if (!entry) continue;
			bySeq.delete(result.seq);
			if (result.outcome === 'rejected' && result.resend === true) {
				resend.push(entry);
				continue;
			}
			answered.push([entry, result]);
			if (result.outcome === 'conflict') summary.conflicts += 1;
			else if (result.outcome === 'rejected') summary.rejected += 1;
			else summary.pushed += 1;
		}
		// An answer that settled nothing would loop forever: try again on the next round.
		if (answered.length === 0 && resend.length === 0) {
			await writer.done();
			throw new Error('the server settled none of the pushed changes');
		}
		// Renumbered once, a change is above the server's last seq: refused again, something else
		// moves the counter (another push with this device's id). It stays in the outbox, as is,
		// and the round ends once the rest of the answer is written down.
		const refusedAgain = resend.some((entry) => renumbered.has(entry.mutationId));
		for (const entry of resend) renumbered.add(entry.mutationId);
		answered.sort((a, b) => a[0].seq! - b[0].seq!);
		const whole =
			answered.length === batch.length ? { first: batch[0]!.seq!, last: lastSent } : undefined;
		const resendFrom = resend.length > 0 ? Math.min(...resend.map((e) => e.seq!)) : undefined;
		const renumber =
			resendFrom === undefined || refusedAgain
				? undefined
				: { from: resendFrom, lastSeq: response.lastSeq };
		writer.write(batch[0]!.seq!, () => settleAnswer(db, answered, whole, renumber));
		if (refusedAgain) {
			await writer.done();
			throw new Error('the server refused changes sent again under new seqs: they stay queued');
		}
		// Unanswered or renumbered entries of this batch go first, again: the prefetched batch is
		// not next (and renumbering moved the entries it holds).
		if (bySeq.size > 0 || resendFrom !== undefined) {
			ahead = [];
			await writer.done();
			continue;
		}
		// A server of before drops this answer from its log at the next push: write it down first.
		if (response.keepsUnsettled !== true) await writer.done();
		// An empty prefetch may have missed a change saved since: the outbox is read once more,
		// from its start, once every answer is written down.
		upcoming = prefetch.then(([next, ...rest]) => {
			if (next && next.entries.length > 0) {
				ahead = rest;
				return next;
			}
			return writer.done().then(() => nextBatch(db, 0, limits));
		});
	}
}

/**
 * The answers being written down while the next push is out: one after another, in the order
 * given; after a failure the rest are not written (their changes stay in the outbox).
 */
export class AnswerWriter {
	#chain: Promise<void> = Promise.resolve();
	/** The first seq of each push whose answer is not written down yet, oldest first. */
	readonly #pending: number[] = [];
	#failure: { error: unknown } | undefined;

	write(firstSeq: number, work: () => Promise<void>): void {
		this.#pending.push(firstSeq);
		this.#chain = this.#chain.then(async () => {
			if (this.#failure) return;
			try {
				await work();
				this.#pending.shift();
			} catch (error) {
				this.#failure = { error };
			}
		});
	}

	/**
	 * What a push starting at `firstSeq` may call settled for good: every seq below the oldest
	 * answer still being written, or below the push itself.
	 */
	settledBefore(firstSeq: number): number {
		return Math.max(0, (this.#pending[0] ?? firstSeq) - 1);
	}

	/** Waits for every answer given so far; throws the first failure. */
	async done(): Promise<void> {
		await this.#chain;
		this.throwIfFailed();
	}

	throwIfFailed(): void {
		if (this.#failure) throw this.#failure.error;
	}
}
