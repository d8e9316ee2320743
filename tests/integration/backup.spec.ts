import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backup, restore } from '../../src/lib/server/cli/backup';
import { migrate } from '../../src/lib/server/db/migrate';
import { openSqlite } from '../../src/lib/server/db/sqlite';
import type { Store } from '../../src/lib/server/db/store';

/** A table of the test's own beside the app's, so what each copy holds is plain to read. */
async function note(store: Store, key: string, value: string): Promise<void> {
	await store.exec('CREATE TABLE IF NOT EXISTS probe (key TEXT PRIMARY KEY, value TEXT)');
	await store.run(
		'INSERT INTO probe (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = $2',
		[key, value]
	);
}

async function noted(store: Store, key: string): Promise<string | undefined> {
	return (await store.get<{ value: string }>('SELECT value FROM probe WHERE key = $1', [key]))
		?.value;
}

/** `npm run backup` / `npm run restore` on the SQLite store (PostgreSQL has pg_dump). */
describe('backup and restore of the SQLite store', () => {
	let dir: string;
	let env: Record<string, string>;
	let file: string;

	beforeEach(async () => {
		dir = await mkdtemp(join(tmpdir(), 'yol-backup-'));
		file = join(dir, 'yol.sqlite');
		env = { YOL_DB_FILE: file, DATABASE_URL: '' };
	});

	afterEach(async () => {
		await rm(dir, { recursive: true, force: true });
	});

	it('copies the store while it is open and written, and puts the copy back once it is closed', async () => {
		const store = openSqlite(file);
		await migrate(store);
		await note(store, 'marker', 'before the backup');
		// Writes go on while the backup runs: the copy is of one moment, whole.
		let writing = true;
		const writer = (async () => {
			for (let i = 0; writing && i < 500; i++) await note(store, `during-${i}`, 'x');
		})();
		const copy = await backup(undefined, env);
		writing = false;
		await writer;
		expect(copy.startsWith(join(dir, 'backups', 'yol-'))).toBe(true);

		await note(store, 'marker', 'after the backup');
		expect(() => restore(copy, env)).toThrow(/has .* open: stop it, then restore again/);
		await store.close();

		const { restored, keptAs } = restore(copy, env);
		expect(restored).toBe(file);
		const back = openSqlite(file);
		expect(await noted(back, 'marker')).toBe('before the backup');
		const check = await back.get<{ quick_check: string }>('PRAGMA quick_check');
		expect(check?.quick_check).toBe('ok');
		await back.close();

		// The database it replaced is kept, with what was written after the backup.
		expect(keptAs).toBeDefined();
		const kept = openSqlite(keptAs ?? '');
		expect(await noted(kept, 'marker')).toBe('after the backup');
		await kept.close();
	});

	it('refuses a file that is not a Yol database, and a second backup over the first', async () => {
		const store = openSqlite(file);
		await migrate(store);
		await store.close();
		const junk = join(dir, 'junk.sqlite');
		await writeFile(junk, 'not a database at all');
		expect(() => restore(junk, env)).toThrow(/is not a Yol database/);
		expect(() => restore(join(dir, 'missing.sqlite'), env)).toThrow(/There is no file/);
		expect(() => restore(undefined, env)).toThrow(/Usage: npm run restore/);
		const target = join(dir, 'one.sqlite');
		await backup(target, env);
		await expect(backup(target, env)).rejects.toThrow(/already exists/);
		expect(existsSync(file)).toBe(true);
	});

	it('sends PostgreSQL to pg_dump and pg_restore', async () => {
		const pg = { DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/db' };
		await expect(backup(undefined, pg)).rejects.toThrow(/pg_dump/);
		expect(() => restore(join(dir, 'x.sqlite'), pg)).toThrow(/pg_restore/);
	});
});
