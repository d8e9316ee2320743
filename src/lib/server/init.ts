import { randomUUID } from 'node:crypto';
import { loadConfig, type Config } from './config';
import { describeStore, openStore } from './db';
import { isStoreUnavailable } from './http/unavailable';
import { ensureMeta } from './db/meta';
import { migrate } from './db/migrate';
import type { Store } from './db/store';
import { seedDemoUsers } from './auth/demo-users';
import { seedDemo, seedDemoRoadmap } from './demo';
import { closeOnShutdown } from './shutdown';

export interface ServerContext {
	store: Store;
	config: Config;
}

interface Running {
	context: ServerContext;
	stopListening: () => void;
}

let starting: Promise<Running> | undefined;

/**
 * Opens the store, migrates it and seeds demo data, once per process: later calls get the same
 * result (and ignore `config`). A failed start is forgotten, so the next call tries again.
 * `wait`: the process's own start (hooks' `init`, before it listens): a database that cannot
 * answer yet (PostgreSQL starting, refusing connections, a failover) is waited for, with a log
 * line saying why, instead of the process dying and a supervisor restarting it in a loop.
 */
export async function initServer(
	config?: Config,
	options: { wait?: boolean } = {}
): Promise<ServerContext> {
	starting ??= startWhenReachable(config ?? loadConfig(), options.wait ?? false).catch(
		(error: unknown) => {
			starting = undefined;
			throw error;
		}
	);
	return (await starting).context;
}

/** The store for routes and actions; starts the server on first use if hooks have not. */
export async function getStore(): Promise<Store> {
	return (await initServer()).store;
}

/** Closes the store and forgets it; for tests and scripts that start the server themselves. */
export async function stopServer(): Promise<void> {
	const current = starting;
	starting = undefined;
	if (!current) return;
	const running = await current.catch(() => undefined);
	if (!running) return;
	running.stopListening();
	await running.context.store.close();
}

/** Waits between attempts to reach the database at start: 1 s, 2 s, 4 s … at most 10 s. */
const WAIT_MAX_MS = 10_000;

async function startWhenReachable(config: Config, wait: boolean): Promise<Running> {
	for (let attempt = 1; ; attempt++) {
		try {
			return await start(config);
		} catch (error) {
			if (!wait || !isStoreUnavailable(error)) throw error;
			const ms = Math.min(1000 * 2 ** (attempt - 1), WAIT_MAX_MS);
			log(
				`waiting for the database (${describeStore(config)}): ${reasonOf(error)}; ` +
					`trying again in ${ms / 1000} s (attempt ${attempt})`
			);
			await new Promise((resolve) => setTimeout(resolve, ms));
		}
	}
}

/** The error's code and message, for the operator (the URL's password is never in either). */
function reasonOf(error: unknown): string {
	const { code, message } = error as { code?: unknown; message?: unknown };
	const text = typeof message === 'string' && message !== '' ? message : String(error);
	return typeof code === 'string' && !text.includes(code) ? `${code}: ${text}` : text;
}

async function start(config: Config): Promise<Running> {
	const store = openStore(config);
	try {
		const { applied, latest } = await migrate(store);
		const migrated = applied.length
			? `${applied.length} migration${applied.length === 1 ? '' : 's'} applied`
			: 'no migrations to apply';
		log(`store ${describeStore(config)}, ${migrated} (schema ${latest})`);

		const instance = await ensureMeta(store, 'instance_id', randomUUID());
		log(`instance ${instance}`);

		if (config.demo) {
			const demo = await seedDemo(store);
			// The roadmap has its own claim: a database seeded before it existed gets it now.
			const roadmap = await seedDemoRoadmap(store);
			log(
				demo
					? `demo data seeded at ${demo.seededAt}`
					: roadmap
						? `demo roadmap seeded at ${roadmap.seededAt}`
						: 'demo data already present'
			);
			const users = await seedDemoUsers(store);
			if (users > 0) log(`${users} demo account${users === 1 ? '' : 's'} created`);
		}
	} catch (error) {
		await store.close().catch(() => undefined);
		throw error;
	}
	const stopListening = closeOnShutdown(() => store.close());
	return { context: { store, config }, stopListening };
}

function log(line: string): void {
	console.log(`Yol: ${line}`);
}
