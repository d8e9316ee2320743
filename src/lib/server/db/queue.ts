/**
 * A one-at-a-time queue for async jobs: each job starts only after the previous one settled.
 *
 * SQLite has one connection, so two async transactions running at once would share it and
 * interleave their statements into one transaction; savepoints nested in one transaction have
 * the same problem on both engines. Queuing the jobs makes each run alone.
 */
export type Queue = <T>(job: () => T | Promise<T>) => Promise<T>;

export function createQueue(): Queue {
	let tail: Promise<unknown> = Promise.resolve();
	return (job) => {
		const result = tail.then(job);
		// A failed job must not block the ones behind it; its caller sees the error via `result`.
		tail = result.catch(() => undefined);
		return result;
	};
}
