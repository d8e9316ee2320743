import { describe, expect, it, vi } from 'vitest';
import { useFreshDb } from '../factories/local-db';
import type { YolDatabase } from '../../src/lib/db/database';
import { saveValue } from '../../src/lib/db/values';
import { AWAITED_CONFLICT_PREFIX } from '../../src/lib/sync/records';
import type { SyncTransport } from '../../src/lib/sync/transport';

/**
 * A push answer marked a value 'conflict' and left it waiting for the conflict's record; the app
 * was then closed. On the next start, the server has nothing new and no conflict for this user:
 * its empty page must still end the mark, though an empty page loads none of the page code.
 */
let db: YolDatabase;
useFreshDb((fresh) => (db = fresh));

const emptyServer: SyncTransport = {
	push: () => Promise.reject(new Error('nothing to push')),
	pull: (after) => Promise.resolve({ changes: [], cursor: after, hasMore: false })
};

describe('a conflict mark left waiting when the app closed', () => {
	it('ends on the first pull after a restart that brings nothing', async () => {
		const saved = await saveValue(
			db,
			{
				indicatorId: 'ind-h1',
				locationId: 'dist-yevlakh',
				period: '2026Q3',
				cell: 'total',
				value: 12,
				comment: ''
			},
			'cw-1'
		);
		await db.outbox.clear();
		await db.values.put({ ...saved, syncState: 'conflict', rev: 3 });
		await db.meta.put({ key: `${AWAITED_CONFLICT_PREFIX}${saved.id}`, value: 'c-1' });

		vi.resetModules(); // a fresh start: no page code loaded yet
		const { pullChanges } = await import('../../src/lib/sync/engine');
		await pullChanges(db, emptyServer);

		expect(await db.values.get(saved.id)).toMatchObject({ value: 12, syncState: 'synced' });
		expect(await db.meta.get(`${AWAITED_CONFLICT_PREFIX}${saved.id}`)).toBeUndefined();
	});
});
