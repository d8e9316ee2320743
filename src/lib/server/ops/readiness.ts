import { migrations } from '../db/migrations';
import { schemaVersion } from '../db/migrate';
import type { Store } from '../db/store';
import { errorFields, log } from './log';

/**
 * Readiness, as a load balancer asks it before sending traffic: the database answers now, within
 * `timeoutMs`, and its schema is the one this code was written for. Liveness (/api/health) says
 * only that the process serves; a server that is alive but not ready is taken out of rotation
 * and put back by itself once the database is.
 */
export interface Readiness {
	ok: boolean;
	/** Why not, in words an operator acts on; never a host, a file or a driver's detail. */
	reason?: string;
	schema?: number;
	expected: number;
}

export const EXPECTED_SCHEMA = migrations.at(-1)?.id ?? 0;

export async function checkReadiness(
	open: () => Promise<Store>,
	timeoutMs = 2000
): Promise<Readiness> {
	const expected = EXPECTED_SCHEMA;
	let timer: ReturnType<typeof setTimeout> | undefined;
	const late = new Promise<'late'>((resolve) => {
		timer = setTimeout(() => resolve('late'), timeoutMs);
	});
	try {
		const schema = await Promise.race([read(open), late]);
		if (schema === 'late') {
			return { ok: false, reason: `the database did not answer within ${timeoutMs} ms`, expected };
		}
		if (schema < expected) {
			return {
				ok: false,
				reason: `migrations not applied: the database is at migration ${schema}, this server needs ${expected}`,
				schema,
				expected
			};
		}
		if (schema > expected) {
			return {
				ok: false,
				reason: `the database is at migration ${schema}, newer than this server's ${expected}: run the newer release`,
				schema,
				expected
			};
		}
		return { ok: true, schema, expected };
	} catch (error) {
		// The detail may name hosts or files: it goes to the log, not to the answer.
		log().warn({ err: errorFields(error) }, 'readiness: database unreachable');
		return { ok: false, reason: 'the database is unreachable', expected };
	} finally {
		clearTimeout(timer);
	}
}

async function read(open: () => Promise<Store>): Promise<number> {
	const store = await open();
	await store.get('SELECT 1 AS up');
	try {
		return await schemaVersion(store);
	} catch (error) {
		// No schema_migrations table at all: nothing was ever migrated here.
		if (/schema_migrations/.test(String((error as Error).message))) return 0;
		throw error;
	}
}
