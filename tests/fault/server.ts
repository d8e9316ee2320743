import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPostgres } from '../../src/lib/server/db/postgres';
import { openSqlite } from '../../src/lib/server/db/sqlite';
import type { Dialect, Store } from '../../src/lib/server/db/store';

/**
 * The built server (`node scripts/server.js` around `build/index.js`) as a child process on a throwaway database: a temp
 * SQLite file, or a fresh PostgreSQL schema when DATABASE_URL is set. The tests kill it, restart
 * it on the same database, and read its tables directly to compare them with the device's.
 */

export const BUILD = 'build/index.js';
/** The production entry around the build (scripts/server.js): what `npm start` runs. */
export const ENTRY = 'scripts/server.js';

/** A database the server process runs on, and a second connection for the test to read it. */
export interface ServerDb {
	env: Record<string, string>;
	open(): Store;
	dispose(): Promise<void>;
}

export interface StoreTarget {
	dialect: Dialect;
	skipped?: string;
	create(): Promise<ServerDb>;
}

const databaseUrl = process.env.DATABASE_URL?.trim() || undefined;

const sqlite: StoreTarget = {
	dialect: 'sqlite',
	async create() {
		const dir = await mkdtemp(join(tmpdir(), 'yol-fault-'));
		const file = join(dir, 'server.sqlite');
		return {
			env: { YOL_DB_FILE: file, DATABASE_URL: '' },
			open: () => openSqlite(file),
			dispose: () => rm(dir, { recursive: true, force: true })
		};
	}
};

const postgres: StoreTarget = {
	dialect: 'postgres',
	skipped: databaseUrl
		? undefined
		: 'DATABASE_URL is unset; run: export DATABASE_URL=$(bash .ci/postgres.sh)',
	async create() {
		const url = databaseUrl ?? '';
		const schema = `yol_fault_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
		const admin = openPostgres({ url, max: 1 });
		await admin.exec(`CREATE SCHEMA ${schema}`);
		// postgres.js passes unknown URL parameters on as connection settings: the server process
		// gets the schema through DATABASE_URL alone, as a deployment would.
		const serverUrl = `${url}${url.includes('?') ? '&' : '?'}search_path=${schema}`;
		return {
			env: { DATABASE_URL: serverUrl },
			open: () => openPostgres({ url, schema, max: 2 }),
			async dispose() {
				await admin.exec(`DROP SCHEMA ${schema} CASCADE`);
				await admin.close();
			}
		};
	}
};

export const storeTargets: readonly StoreTarget[] = [sqlite, postgres];

if (postgres.skipped) {
	console.warn(`\n[fault] PostgreSQL fault tests SKIPPED: ${postgres.skipped}\n`);
}

/** A port nobody listens on now (the OS picks it). */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			probe.close(() => resolve(port));
		});
	});
}

/** One server process on a fixed port; `kill()` and `start()` again to restart it. */
export class ServerProcess {
	private child: ChildProcess | undefined;
	private output = '';
	readonly url: string;

	constructor(
		readonly port: number,
		private readonly db: ServerDb,
		/** More settings for this process (behind a proxy: ORIGIN, ADDRESS_HEADER …). */
		private readonly extraEnv: Record<string, string> = {},
		/** How long `start` waits for the server to answer (a busy machine starts it slowly). */
		private readonly startWithinMs = 10_000
	) {
		this.url = `http://127.0.0.1:${port}`;
	}

	async start(): Promise<void> {
		this.launch();
		if (await this.serving(this.startWithinMs)) return;
		await this.kill();
		throw new Error(`the server did not start on ${this.url}:\n${this.output}`);
	}

	/** Starts the process without waiting for it to serve (see `serving`). */
	launch(): void {
		if (!existsSync(BUILD)) throw new Error(`${BUILD} is missing: run \`npx vite build\` first`);
		this.output = '';
		this.killed = false;
		const child = spawn(process.execPath, [ENTRY], {
			env: {
				...process.env,
				PORT: String(this.port),
				HOST: '127.0.0.1',
				YOL_DEMO: '0',
				...this.db.env,
				...this.extraEnv
			},
			stdio: ['ignore', 'pipe', 'pipe']
		});
		this.child = child;
		const keep = (chunk: Buffer) => {
			this.output = (this.output + chunk.toString()).slice(-20_000);
		};
		child.stdout?.on('data', keep);
		child.stderr?.on('data', keep);
	}

	/** Whether the process answers /api/health with 200 within `ms` (false if it exited). */
	async serving(ms: number): Promise<boolean> {
		const until = Date.now() + ms;
		while (Date.now() < until) {
			if (!this.running) return false;
			try {
				if ((await fetch(`${this.url}/api/health`)).ok) return true;
			} catch {
				// not listening yet
			}
			await new Promise((r) => setTimeout(r, 50));
		}
		return false;
	}

	/** Whether the process is alive (started and not exited). */
	get running(): boolean {
		const child = this.child;
		return child !== undefined && child.exitCode === null && child.signalCode === null;
	}

	/** Kills the process (SIGKILL by default: no shutdown hook runs) and waits for its exit. */
	async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
		const child = this.child;
		this.child = undefined;
		if (!child || child.exitCode !== null || child.signalCode !== null) return;
		const exited = new Promise((resolve) => child.once('exit', resolve));
		child.kill(signal);
		await exited;
	}

	/** SIGKILL without waiting: for use in the middle of a request. */
	killNow(): void {
		this.killed = true;
		this.child?.kill('SIGKILL');
	}

	/** Whether a test killed it (killNow) since it last started. */
	killed = false;

	async restart(): Promise<void> {
		await this.kill();
		await this.start();
	}

	get log(): string {
		return this.output;
	}
}
