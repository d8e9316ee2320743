import type { Store } from '../db/store';

/**
 * Sign-in throttling, kept in the database so every app server sees the same counts.
 *
 * Per account: after 5 failures within 15 minutes the account refuses sign-in for 15 minutes
 * (a guessing attack on one password). Per client address: 30 failures within 15 minutes lock
 * that address out for 15 minutes (one machine guessing across many accounts); higher, because a
 * whole office may share one address.
 */
export const THROTTLE = {
	windowMs: 15 * 60 * 1000,
	lockMs: 15 * 60 * 1000,
	accountFailures: 5,
	addressFailures: 30
};

interface Row {
	failures: number;
	window_start: string;
	locked_until: string | null;
}

export function throttleKeys(
	username: string,
	address: string
): { account: string; address: string } {
	return { account: `user:${username.trim().toLowerCase()}`, address: `addr:${address}` };
}

/** Until when a key is locked out, or undefined when it may try. */
export async function lockedUntil(
	store: Store,
	keys: readonly string[],
	now: Date
): Promise<Date | undefined> {
	let latest: Date | undefined;
	for (const key of keys) {
		const row = await store.get<Row>(
			'SELECT failures, window_start, locked_until FROM login_throttle WHERE key = $1',
			[key]
		);
		if (row?.locked_until && Date.parse(row.locked_until) > now.getTime()) {
			const until = new Date(row.locked_until);
			if (!latest || until > latest) latest = until;
		}
	}
	return latest;
}

/** Counts one failure against each key, locking those that reach their limit. */
export async function recordFailure(
	store: Store,
	keys: { account: string; address: string },
	now: Date
): Promise<void> {
	await store.transaction(async (tx) => {
		for (const [key, limit] of [
			[keys.account, THROTTLE.accountFailures],
			[keys.address, THROTTLE.addressFailures]
		] as const) {
			const row = await tx.get<Row>(
				'SELECT failures, window_start, locked_until FROM login_throttle WHERE key = $1',
				[key]
			);
			const fresh = !row || now.getTime() - Date.parse(row.window_start) > THROTTLE.windowMs;
			const failures = fresh ? 1 : row.failures + 1;
			const windowStart = fresh ? now.toISOString() : row.window_start;
			const locked =
				failures >= limit ? new Date(now.getTime() + THROTTLE.lockMs).toISOString() : null;
			await tx.run(
				`INSERT INTO login_throttle (key, failures, window_start, locked_until)
				VALUES ($1, $2, $3, $4)
				ON CONFLICT (key) DO UPDATE SET failures = excluded.failures,
					window_start = excluded.window_start, locked_until = excluded.locked_until`,
				[key, failures, windowStart, locked]
			);
		}
	});
}

/** A successful sign-in clears the account's count (not the address's: others may share it). */
export async function clearFailures(store: Store, accountKey: string): Promise<void> {
	await store.run('DELETE FROM login_throttle WHERE key = $1', [accountKey]);
}
