import 'fake-indexeddb/auto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IndicatorValue } from '../../src/lib/domain/indicators';
import { backup, restore } from '../../src/lib/server/cli/backup';
import type { Store } from '../../src/lib/server/db/store';
import {
	expectSameValues,
	openDevice,
	readServer,
	sampleValues,
	saveAll,
	signInCoordinator,
	type Device
} from './client';
import { freePort, ServerProcess, storeTargets, type ServerDb } from './server';

/**
 * Issue #22 §3: the server restored from a backup (`npm run restore`, which writes a new epoch)
 * while two devices hold edits it acknowledged after that backup. After a sync each device's
 * own lost edits are on the server again, each once, and a device never sends again what it
 * only pulled from the other. SQLite: `npm run restore` is that store's (PostgreSQL restores
 * with pg_restore and `npm run restore -- --new-epoch`, the same epoch write).
 */

const TIMEOUT = 120_000;
const sqlite = storeTargets.find((t) => t.dialect === 'sqlite')!;

/** `values` with another number and comment: an edit of the same cells. */
function edited(values: readonly IndicatorValue[], by: number): IndicatorValue[] {
	return values.map((v) => ({ ...v, value: (v.value ?? 0) + by }));
}

describe('a server restored from a backup', () => {
	let db: ServerDb;
	let server: ServerProcess;
	let reader: Store | undefined;
	const devices: Device[] = [];

	function serverState() {
		reader ??= db.open();
		return readServer(reader);
	}

	beforeEach(async () => {
		db = await sqlite.create();
		server = new ServerProcess(await freePort(), db);
		await server.start();
		reader = db.open();
		await signInCoordinator(reader, server.url);
	}, TIMEOUT);

	afterEach(async () => {
		for (const d of devices.splice(0)) await d.close();
		await reader?.close();
		reader = undefined;
		await server.kill();
		await db.dispose();
	}, TIMEOUT);

	it(
		'gets every edit acknowledged after the backup from the devices again, none twice',
		async () => {
			const a = await openDevice(server.url);
			const b = await openDevice(server.url);
			devices.push(a, b);
			const [aBefore, bBefore, aAfter, bAfter] = [0, 3, 6, 10].map((offset) =>
				sampleValues(3, offset)
			) as [IndicatorValue[], IndicatorValue[], IndicatorValue[], IndicatorValue[]];

			// Before the backup: three values from each device, on the server and on both.
			await saveAll(a, aBefore, 'before the backup');
			await saveAll(b, bBefore, 'before the backup');
			await a.sync();
			await b.sync();
			await a.sync();
			const file = join(db.env.YOL_DB_FILE!, '..', 'backup.sqlite');
			await backup(file, db.env);
			const atBackup = (await serverState()).revision;
			expect(atBackup).toBe(6);

			// After it: new values and edits of older ones (A edits one of B's), acknowledged and
			// pulled by the other device, so each holds the other's edits too.
			await saveAll(
				a,
				[...aAfter, ...edited(aBefore.slice(0, 2), 5), ...edited(bBefore.slice(0, 1), 7)],
				'after the backup'
			);
			await saveAll(b, [...bAfter, ...edited(bBefore.slice(1, 3), 9)], 'after the backup');
			await a.sync();
			await b.sync();
			await a.sync();
			const lost = await serverState();
			const editsAfter = 3 + 2 + 1 + 3 + 2;
			expect(lost.revision).toBe(atBackup + editsAfter);
			const expected = lost.records
				.filter((r) => r.entity === 'value')
				.map((r) => ({ id: r.id, data: JSON.parse(r.data ?? 'null') as IndicatorValue }));

			// The restore: the server is stopped, the backup put back (with a new epoch), started.
			await reader?.close();
			reader = undefined;
			await server.kill();
			restore(file, db.env);
			await server.start();
			expect((await serverState()).revision).toBe(atBackup);
			// A third tablet pushes first, past both devices' cursors: only the epoch tells them
			// that the server went back in time (no 409 for a cursor ahead of the head).
			const c = await openDevice(server.url);
			devices.push(c);
			const fromC = sampleValues(12, 20);
			await saveAll(c, fromC, 'after the restore');
			await c.sync();
			expect((await serverState()).revision).toBeGreaterThan(lost.revision);

			// Each device syncs until nothing moves: A, B, then A again for B's re-sent edits.
			for (const device of [a, b, a, b, c]) await device.sync();

			const after = await serverState();
			// Each lost edit applied once more: one new revision each, no more.
			expect(after.revision).toBe(atBackup + fromC.length + editsAfter);
			const values = after.records.filter((r) => r.entity === 'value');
			expect(values).toHaveLength(expected.length + fromC.length);
			for (const { id, data } of expected) {
				const row = values.find((r) => r.id === id);
				expect(row, `value ${id} is back on the server`).toBeDefined();
				const back = JSON.parse(row!.data ?? 'null') as IndicatorValue;
				expect({ value: back.value, comment: back.comment }, `value ${id}`).toEqual({
					value: data.value,
					comment: data.comment
				});
			}
			for (const device of [a, b, c]) {
				expect(await device.db.outbox.count()).toBe(0);
				await expectSameValues(device, after);
			}
		},
		TIMEOUT
	);
});
