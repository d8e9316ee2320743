import { randomUUID } from 'node:crypto';
import { loadConfig, type Config } from './config';
import { describeStore, openStore } from './db';
import { ensureMeta } from './db/meta';
import { migrate } from './db/migrate';
import type { Store } from './db/store';
import { seedDemoUsers } from './auth/demo-users';
import { seedDemo } from './demo';
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
 */
export async function initServer(config?: Config): Promise<ServerContext> {
	starting ??= start(config ?? loadConfig()).catch((error: unknown) => {
		starting = undefined;
		throw error;
	});
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
			log(demo ? `demo data seeded at ${demo.seededAt}` : 'demo data already present');
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
