import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { loadConfig, type Env } from '../config';
import { openStore } from '../db';
import { setMeta } from '../db/meta';

/**
 * `npm run backup [file]` and `npm run restore <file>` for the embedded SQLite store.
 *
 * A backup is SQLite's online backup (better-sqlite3's `db.backup()`): a consistent copy taken
 * while the server runs and writes, page by page, without stopping it. A restore puts a copy back
 * only while no server has the database open (it would go on with its own pages in memory and
 * its WAL), and keeps the file it replaces beside it, so a wrong restore loses nothing either.
 * PostgreSQL has pg_dump and pg_restore for both (see the README).
 */

const POSTGRES =
	'DATABASE_URL is set: this store is PostgreSQL. Use pg_dump / pg_restore (see the README).';

export class CliError extends Error {
	override name = 'CliError';
}

function stamp(now: Date): string {
	return now.toISOString().replace(/[:.]/g, '-');
}

export async function backup(
	target: string | undefined,
	env: Env = process.env,
	now = new Date()
): Promise<string> {
	const config = loadConfig(env);
	if (config.databaseUrl) throw new CliError(POSTGRES);
	if (!existsSync(config.sqliteFile)) {
		throw new CliError(`There is no database at ${config.sqliteFile} to back up.`);
	}
	const file = resolve(
		target ?? join(dirname(config.sqliteFile), 'backups', `yol-${stamp(now)}.sqlite`)
	);
	if (existsSync(file)) throw new CliError(`${file} already exists: name another file.`);
	mkdirSync(dirname(file), { recursive: true });
	const db = new Database(config.sqliteFile, { readonly: true, fileMustExist: true });
	try {
		await db.backup(file);
	} finally {
		db.close();
	}
	return file;
}

export function restore(
	source: string | undefined,
	env: Env = process.env,
	now = new Date()
): { restored: string; keptAs?: string; epoch: string } {
	if (!source) {
		throw new CliError('Usage: npm run restore -- <backup file>   (or -- --new-epoch)');
	}
	const config = loadConfig(env);
	if (config.databaseUrl) throw new CliError(POSTGRES);
	const from = resolve(source);
	checkBackup(from);
	const live = resolve(config.sqliteFile);
	let keptAs: string | undefined;
	if (existsSync(live)) {
		refuseWhileOpen(live);
		keptAs = `${live}.before-restore-${stamp(now)}`;
		// The live file with its WAL folded in, so the kept copy is whole on its own.
		const db = new Database(live);
		try {
			db.pragma('wal_checkpoint(TRUNCATE)');
		} finally {
			db.close();
		}
		renameSync(live, keptAs);
	}
	mkdirSync(dirname(live), { recursive: true });
	// Copied under a temporary name and renamed: a crash midway never leaves half a database.
	const partial = join(dirname(live), `.${basename(live)}.restoring`);
	copyFileSync(from, partial);
	const epoch = writeNewEpoch(partial);
	for (const suffix of ['-wal', '-shm']) {
		rmSync(`${live}${suffix}`, { force: true });
		rmSync(`${partial}${suffix}`, { force: true });
	}
	renameSync(partial, live);
	return keptAs ? { restored: live, keptAs, epoch } : { restored: live, epoch };
}

/**
 * A restored server has gone back in time: a new epoch (migration 010) tells every device so on
 * its next pull, and they send again what they had acknowledged after the backup.
 */
function writeNewEpoch(file: string): string {
	const epoch = randomUUID();
	const db = new Database(file, { fileMustExist: true });
	try {
		db.prepare(
			'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'
		).run('epoch', epoch);
		// Whole in the main file, so the rename carries it.
		db.pragma('wal_checkpoint(TRUNCATE)');
	} finally {
		db.close();
	}
	return epoch;
}

/**
 * `npm run restore -- --new-epoch`: after a restore by other means (pg_restore, a volume
 * snapshot), the new epoch that `npm run restore` writes itself. On either store.
 */
export async function newEpoch(env: Env = process.env): Promise<string> {
	const config = loadConfig(env);
	const store = openStore(config);
	try {
		const epoch = randomUUID();
		await setMeta(store, 'epoch', epoch);
		return epoch;
	} finally {
		await store.close();
	}
}

/** A Yol database, whole: refuses a file that is not SQLite, is damaged or was never migrated. */
function checkBackup(file: string): void {
	if (!existsSync(file)) throw new CliError(`There is no file ${file}.`);
	let db: Database.Database | undefined;
	try {
		db = new Database(file, { readonly: true, fileMustExist: true });
		const check = db.pragma('quick_check', { simple: true });
		if (check !== 'ok') throw new CliError(`${file} is damaged (${String(check)}): not restored.`);
		db.prepare('SELECT max(id) AS id FROM schema_migrations').get();
	} catch (error) {
		if (error instanceof CliError) throw error;
		throw new CliError(`${file} is not a Yol database (${(error as Error).message}).`);
	} finally {
		db?.close();
	}
}

/**
 * A running server keeps its connection open, and with it a lock that an exclusive transaction
 * cannot get past: that is how a restore knows the server still runs.
 */
function refuseWhileOpen(live: string): void {
	const db = new Database(live, { timeout: 200 });
	try {
		db.pragma('locking_mode = EXCLUSIVE');
		db.exec('BEGIN EXCLUSIVE');
		db.exec('COMMIT');
	} catch (error) {
		if ((error as { code?: string }).code === 'SQLITE_BUSY') {
			throw new CliError(
				`A Yol server (or another program) has ${live} open: stop it, then restore again.`
			);
		}
		throw error;
	} finally {
		db.close();
	}
}

export async function main(command: 'backup' | 'restore', argv: string[]): Promise<number> {
	try {
		if (command === 'backup') {
			console.log(await backup(argv[0]));
		} else if (argv[0] === '--new-epoch') {
			console.log(`New epoch ${await newEpoch()}: devices will send again what this store lacks.`);
		} else {
			const { restored, keptAs, epoch } = restore(argv[0]);
			console.log(`Restored ${restored} (new epoch ${epoch})`);
			if (keptAs) console.log(`The database it replaced is kept as ${keptAs}`);
		}
		return 0;
	} catch (error) {
		if (error instanceof CliError) {
			console.error(error.message);
			return 1;
		}
		throw error;
	}
}
