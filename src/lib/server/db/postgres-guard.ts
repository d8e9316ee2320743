import { errorFields, log } from '../ops/log';

/**
 * A guard against one known crash of postgres.js 3.4.x (upstream issues #1154 and #1208, still
 * in 3.4.10): a small write is deferred to `setImmediate(nextWrite)`; when the socket dies first
 * (PostgreSQL restarted, a connection cut), `nextWrite` calls `null.write` and throws from the
 * timer, where no `await` can catch it, so the whole app server would die. The query it belonged
 * to has already been rejected with CONNECTION_CLOSED (a 503 to its client), so nothing is lost
 * by ignoring the throw; but the connection keeps its unflushed buffer and stale timer and would
 * never send again, so every pool is replaced by a fresh one.
 *
 * Only that exact error is caught (a TypeError about `write` thrown inside `nextWrite` of
 * postgres.js's connection.js); anything else keeps Node's behaviour. Remove this once a
 * postgres.js release checks the socket in `nextWrite`.
 */

const renewers = new Set<() => void>();
let installed = false;

/** Whether `error` is the crash described above (and nothing else). */
export function isNextWriteCrash(error: unknown): boolean {
	if (!(error instanceof TypeError)) return false;
	const stack = error.stack ?? '';
	return (
		/\(reading 'write'\)|evaluating 'socket\.write'/.test(error.message) &&
		/\bnextWrite\b/.test(stack) &&
		/postgres[\\/]src[\\/]connection\.js/.test(stack)
	);
}

/**
 * Registers `renew` (replace this store's pool) to run when the crash happens; returns the
 * function that unregisters it (on close).
 */
export function guardNextWrite(renew: () => void): () => void {
	if (!installed) {
		installed = true;
		process.on('uncaughtException', onUncaught);
	}
	renewers.add(renew);
	return () => renewers.delete(renew);
}

function onUncaught(error: Error): void {
	if (isNextWriteCrash(error)) {
		log().warn(
			{ err: errorFields(error), pools: renewers.size },
			'postgres.js wrote to a closed connection (upstream #1154); pools replaced'
		);
		for (const renew of renewers) renew();
		return;
	}
	// Another listener (a test runner) decides about every other error.
	if (process.listenerCount('uncaughtException') > 1) return;
	// Alone, do what Node does without a listener: print the error and exit with 1.
	console.error(error);
	process.exit(1);
}
