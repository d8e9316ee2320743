import type { PullResponse } from '../../src/lib/domain/sync/protocol';
import { SEED_INDICATORS } from '../../src/lib/domain/seed/catalogue';
import type { SyncTransport } from '../../src/lib/sync/transport';

/** A server holding the seed catalogue, answering pulls in pages of at most `size`. */
export function catalogueServer(size: number): SyncTransport & { pulls: number } {
	const changes = SEED_INDICATORS.map((indicator, i) => ({
		rev: i + 1,
		entity: 'indicator' as const,
		entityId: indicator.id,
		deleted: false,
		data: indicator
	}));
	return {
		pulls: 0,
		async push() {
			throw new Error('this server only answers pulls');
		},
		async pull(after: number, limit: number): Promise<PullResponse> {
			this.pulls += 1;
			const page = changes.filter((c) => c.rev > after).slice(0, Math.min(limit, size));
			const cursor = page.at(-1)?.rev ?? after;
			const remaining = changes.filter((c) => c.rev > cursor).length;
			return { changes: page, cursor, hasMore: remaining > 0, remaining };
		}
	};
}
