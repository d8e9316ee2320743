import * as v from 'valibot';
import {
	CONFLICT_FIELDS,
	resolutionProblem,
	type ConflictRecord
} from '../../src/lib/domain/sync/conflict';
import { decide, stampFields, type FieldRevs } from '../../src/lib/domain/sync/merge';
import {
	PushRequestSchema,
	type Change,
	type Entity,
	type Mutation,
	type MutationResult,
	type PullResponse,
	type PushRequest,
	type PushResponse
} from '../../src/lib/domain/sync/protocol';
import { OfflineError, type SyncTransport } from '../../src/lib/sync/transport';

/**
 * An in-memory server speaking the sync protocol with the shared merge rule: each device's
 * mutations applied once, in seq order; every write gets the next revision.
 */
interface ServerRecord {
	entity: Entity;
	entityId: string;
	rev: number;
	deleted: boolean;
	data: Record<string, unknown>;
	fieldRevs: FieldRevs;
}

export interface ServerConflict {
	id: string;
	deviceId: string;
	seq: number;
	entityId: string;
	fields: string[];
	changed: string[];
	data: Record<string, unknown>;
}

export interface ServerLogLine {
	deviceId: string;
	seq: number;
	mutationId: string;
	outcome: MutationResult['outcome'];
}

const key = (entity: string, id: string) => `${entity}:${id}`;

/** The mutation with its value's author taken from the session, never from the device. */
function authoredBy(m: Mutation, userId: string): Mutation {
	if (m.entity !== 'value' || m.op !== 'put' || typeof m.data !== 'object' || !m.data) return m;
	return { ...m, data: { ...(m.data as Record<string, unknown>), updatedBy: userId } };
}

export class FakeSyncServer {
	rev = 0;
	readonly records = new Map<string, ServerRecord>();
	readonly conflicts: ServerConflict[] = [];
	readonly log: ServerLogLine[] = [];
	private readonly lastSeq = new Map<string, number>();
	private readonly answered = new Map<string, MutationResult>();
	private readonly mutationIds = new Map<string, string>();
	/** Moves a device's last seq as another push with its id would (a hostile or stray one). */
	moveLastSeq(deviceId: string, seq: number): void {
		this.lastSeq.set(deviceId, seq);
	}
	/** A reason to refuse a mutation, or undefined to accept it. */
	reject: (mutation: Mutation) => string | undefined = () => undefined;
	/** The pulling user's scope (PullResponse.scope), and the records it lets through. */
	scope = 'everything';
	visible: (record: { entity: Entity; data: Record<string, unknown> }) => boolean = () => true;

	/**
	 * One push from a device whose session is `userId`'s. As the real server (authoredBy in
	 * src/lib/server/sync/push.ts), a value's `updatedBy` is that user, whatever the device wrote.
	 */
	push(input: PushRequest, userId: string): PushResponse {
		const request = v.parse(PushRequestSchema, input);
		const { deviceId } = request;
		const results: MutationResult[] = [];
		let resendFrom: number | undefined;
		for (const m of [...request.mutations].sort((a, b) => a.seq - b.seq)) {
			const done = this.lastSeq.get(deviceId) ?? 0;
			const earlier = this.answered.get(`${deviceId}:${m.seq}`);
			// As the real server: a seq it has no answer for (or another change's) is not applied and
			// is sent again under a new seq (`resend`); later new seqs of the push are held back.
			const unknown =
				m.seq <= done &&
				(!earlier || this.mutationIds.get(`${deviceId}:${m.seq}`) !== m.mutationId);
			if (unknown || (m.seq > done && resendFrom !== undefined)) {
				resendFrom ??= m.seq;
				results.push({
					seq: m.seq,
					outcome: 'rejected',
					resend: true,
					reason: `seq: ${m.seq} resend`
				});
				continue;
			}
			if (m.seq <= done && earlier) {
				// As the real server: 'duplicate' means "applied earlier"; a conflict or a refusal is
				// answered again exactly as the first time.
				const settled = earlier?.outcome === 'conflict' || earlier?.outcome === 'rejected';
				const again: MutationResult = settled
					? { ...earlier, seq: m.seq }
					: { ...earlier, seq: m.seq, outcome: 'duplicate' };
				results.push(again);
				// The log says what the server did: nothing, this time.
				this.log.push({ deviceId, seq: m.seq, mutationId: m.mutationId, outcome: 'duplicate' });
				continue;
			}
			const result = this.apply(deviceId, authoredBy(m, userId));
			this.lastSeq.set(deviceId, m.seq);
			this.answered.set(`${deviceId}:${m.seq}`, result);
			this.mutationIds.set(`${deviceId}:${m.seq}`, m.mutationId);
			this.log.push({ deviceId, seq: m.seq, mutationId: m.mutationId, outcome: result.outcome });
			results.push(result);
		}
		// It never forgets an answer, so it keeps every unsettled one (the device may pipeline).
		const lastSeq = this.lastSeq.get(deviceId) ?? 0;
		return request.settledThrough === undefined
			? { results, lastSeq }
			: { results, lastSeq, keepsUnsettled: true };
	}

	/** The conflict records as devices pull them (the real server's entity 'conflict'). */
	conflictRecord(id: string): ConflictRecord | undefined {
		return this.records.get(key('conflict', id))?.data as ConflictRecord | undefined;
	}

	private writeConflict(record: ConflictRecord): void {
		const rev = ++this.rev;
		this.records.set(key('conflict', record.id), {
			entity: 'conflict',
			entityId: record.id,
			rev,
			deleted: false,
			data: structuredClone(record) as unknown as Record<string, unknown>,
			fieldRevs: {}
		});
	}

	private resolve(m: Mutation, conflict: ConflictRecord): void {
		const data = (m.data ?? {}) as Record<string, unknown>;
		this.writeConflict({
			...conflict,
			resolvedAt: String(data.updatedAt),
			resolvedBy: String(data.updatedBy),
			resolution: m.resolves!.choice,
			resolvedValue: typeof data.value === 'number' ? data.value : null
		});
	}

	private apply(deviceId: string, m: Mutation): MutationResult {
		const reason = this.reject(m);
		if (reason !== undefined) return { seq: m.seq, outcome: 'rejected', reason };
		let resolving: ConflictRecord | undefined;
		if (m.resolves) {
			resolving = this.conflictRecord(m.resolves.conflictId);
			const problem = resolutionProblem(resolving, {
				entityId: m.entityId,
				conflictId: m.resolves.conflictId
			});
			if (problem) return { seq: m.seq, outcome: 'rejected', reason: problem };
		}
		const k = key(m.entity, m.entityId);
		const current = this.records.get(k);
		const decision = decide(current, { baseRev: m.baseRev, changed: m.changed, deviceId });
		if (decision.kind === 'conflict') {
			const id = `c${this.conflicts.length + 1}`;
			const yours = (m.data ?? {}) as Record<string, unknown>;
			this.conflicts.push({
				id,
				deviceId,
				seq: m.seq,
				entityId: m.entityId,
				fields: decision.fields,
				changed: [...m.changed],
				data: structuredClone(yours)
			});
			const side = (d: Record<string, unknown>, device: string, rev: number) => ({
				value: (d.value as number | null) ?? null,
				comment: (d.comment as string | undefined) ?? '',
				by: String(d.updatedBy),
				at: String(d.updatedAt),
				deviceId: device,
				rev
			});
			this.writeConflict({
				id,
				entity: 'value',
				entityId: m.entityId,
				indicatorId: String(yours.indicatorId),
				locationId: String(yours.locationId),
				period: String(yours.period),
				cell: String(yours.cell),
				fields: CONFLICT_FIELDS.filter((f) => decision.fields.includes(f)),
				yours: side(yours, deviceId, m.baseRev),
				theirs: side(
					current!.data,
					current!.fieldRevs[decision.fields[0]!]?.deviceId ?? '',
					current!.rev
				),
				createdAt: String(yours.updatedAt),
				resolvedAt: null,
				resolvedBy: null,
				resolution: null,
				resolvedValue: null
			});
			// As the real server: a resolution set aside anew still settles the old conflict.
			if (resolving) this.resolve(m, resolving);
			return { seq: m.seq, outcome: 'conflict', conflictId: id };
		}
		const rev = ++this.rev;
		const incoming = (m.data ?? {}) as Record<string, unknown>;
		let data: Record<string, unknown>;
		if (decision.kind !== 'merge') {
			// Nothing changed since the device's base: its copy replaces the server's whole (the
			// strictest reading, so a client that claims a base it has not seen loses data here).
			data = structuredClone(incoming);
		} else {
			// Only the fields this change touched (and who/when) replace the server's copy.
			data = { ...current!.data };
			for (const field of [...m.changed, 'updatedAt', 'updatedBy']) {
				if (field in incoming) data[field] = structuredClone(incoming[field]);
			}
		}
		this.records.set(k, {
			entity: m.entity,
			entityId: m.entityId,
			rev,
			deleted: m.op === 'delete',
			data,
			fieldRevs: stampFields(current?.fieldRevs ?? {}, m.changed, rev, deviceId)
		});
		if (resolving) this.resolve(m, resolving);
		return { seq: m.seq, outcome: decision.kind === 'merge' ? 'merged' : 'applied', rev };
	}

	/** A record written on the server by someone else (an admin, a device not in the test). */
	put(entity: Entity, entityId: string, data: Record<string, unknown>, by = 'server'): number {
		const rev = ++this.rev;
		const current = this.records.get(key(entity, entityId));
		this.records.set(key(entity, entityId), {
			entity,
			entityId,
			rev,
			deleted: false,
			data: structuredClone(data),
			fieldRevs: stampFields(current?.fieldRevs ?? {}, Object.keys(data), rev, by)
		});
		return rev;
	}

	remove(entity: Entity, entityId: string): number {
		const current = this.records.get(key(entity, entityId));
		if (!current) throw new Error('no such record');
		current.rev = ++this.rev;
		current.deleted = true;
		return current.rev;
	}

	pull(after: number, limit: number): PullResponse {
		const newer = [...this.records.values()]
			.filter((r) => r.rev > after && this.visible(r))
			.sort((a, b) => a.rev - b.rev);
		const page = newer.slice(0, limit);
		const changes: Change[] = page.map((r) => ({
			rev: r.rev,
			entity: r.entity,
			entityId: r.entityId,
			deleted: r.deleted,
			data: structuredClone({ ...r.data, rev: r.rev })
		}));
		return {
			changes,
			cursor: page.length > 0 ? page[page.length - 1]!.rev : after,
			hasMore: newer.length > page.length,
			scope: this.scope
		};
	}

	/** The live (not deleted) records of one entity, as the devices should hold them. */
	live(entity: Entity): Map<string, { rev: number; data: Record<string, unknown> }> {
		return new Map(
			[...this.records.values()]
				.filter((r) => r.entity === entity && !r.deleted)
				.map((r) => [r.entityId, { rev: r.rev, data: r.data }])
		);
	}
}

/**
 * The network between one device and the fake server, with faults on request: an answer lost
 * after the server acted, a pull that fails, and a hook that runs while a request is in flight
 * (where a test makes the user edit something mid-sync).
 */
export class FakeTransport implements SyncTransport {
	loseNextPushAnswer = false;
	failPullCalls = new Set<number>();
	pullCalls: number[] = [];
	pushCalls = 0;
	duringRequest: (() => Promise<void>) | undefined;
	/** Which request the hook waits for: the next one, or the next push or pull. */
	hookOn: 'any' | 'push' | 'pull' = 'any';

	/** `userId`: whose session this device's requests carry. */
	constructor(
		private readonly server: FakeSyncServer,
		readonly userId = 'fake-user'
	) {}

	/** Each push's body as the engine encoded it (what goes on the wire). */
	readonly bodies: string[] = [];

	async push(request: PushRequest, encoded?: string): Promise<PushResponse> {
		this.pushCalls += 1;
		if (encoded !== undefined) this.bodies.push(encoded);
		const response = this.server.push(structuredClone(request), this.userId);
		await this.runHook('push');
		if (this.loseNextPushAnswer) {
			this.loseNextPushAnswer = false;
			throw new OfflineError(new Error('answer lost'));
		}
		return structuredClone(response);
	}

	async pull(after: number, limit: number): Promise<PullResponse> {
		this.pullCalls.push(after);
		if (this.failPullCalls.has(this.pullCalls.length)) throw new OfflineError();
		const response = this.server.pull(after, limit);
		await this.runHook('pull');
		return structuredClone(response);
	}

	private async runHook(kind: 'push' | 'pull'): Promise<void> {
		if (this.hookOn !== 'any' && this.hookOn !== kind) return;
		const hook = this.duringRequest;
		this.duringRequest = undefined;
		await hook?.();
	}
}
