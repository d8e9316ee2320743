import type { Store } from '../db/store';

/**
 * Sign-in throttling that slows a guesser down without handing them a way to lock others out
 * (OWASP's authentication cheat sheet), kept in the database so every app server sees the same
 * counts. Three counts, each a row of `login_throttle`:
 *
 * - per account and address (`pair:`): the first few failures cost nothing (people mistype);
 *   each one after that makes this address wait longer for this account, doubling up to a cap.
 *   This is what a guesser meets, and it touches nobody else.
 * - per account (`user:`), from every address: far more failures than a person makes lock the
 *   account for an hour, but only for the addresses that have been failing on it. A correct
 *   password from an address with no failures on the account always gets through, so a guesser
 *   cannot lock the real user out; a botnet gets one guess per address while the lock lasts.
 * - per address (`addr:`), across accounts: one machine trying password after password across
 *   many usernames (spraying). The count is high and its window short, so an office behind one
 *   address is never refused for its people's ordinary typos.
 *
 * A refusal is a 429 with Retry-After; the password is not checked while refused, so the answer
 * says nothing about whether the guess was right.
 */
export const THROTTLE = {
	/** Failures of one account from one address before any delay. */
	freeFailures: 5,
	/** The delay after the first failure past the free ones; it doubles with each further one. */
	firstDelayMs: 15 * 1000,
	maxDelayMs: 15 * 60 * 1000,
	/** How long failures of an account, per address or in all, are remembered. */
	accountWindowMs: 24 * 60 * 60 * 1000,
	/** Failures of one account from all addresses within its window that lock it outright. */
	accountLockFailures: 50,
	accountLockMs: 60 * 60 * 1000,
	/** Failures from one address across all accounts within its window that lock the address. */
	addressFailures: 100,
	addressWindowMs: 15 * 60 * 1000,
	addressLockMs: 15 * 60 * 1000
};

export type ThrottleKind = 'pair' | 'account' | 'address';

export interface ThrottleKeys {
	pair: string;
	account: string;
	address: string;
}

export interface Refusal {
	kind: ThrottleKind;
	until: Date;
}

interface Row {
	key: string;
	failures: number;
	window_start: string;
	locked_until: string | null;
}

export function throttleKeys(username: string, address: string): ThrottleKeys {
	const account = username.trim().toLowerCase();
	return {
		pair: `pair:${account}|${address}`,
		account: `user:${account}`,
		address: `addr:${address}`
	};
}

/** How long an address must wait after its `failures`-th failure on one account. */
export function pairDelayMs(failures: number): number {
	if (failures < THROTTLE.freeFailures) return 0;
	const doublings = Math.min(failures - THROTTLE.freeFailures, 30);
	return Math.min(THROTTLE.maxDelayMs, THROTTLE.firstDelayMs * 2 ** doublings);
}

function windowOf(key: string): number {
	return key.startsWith('addr:') ? THROTTLE.addressWindowMs : THROTTLE.accountWindowMs;
}

/** The row's failures still within its window (a row past its window counts nothing). */
function liveFailures(row: Row | undefined, now: Date): number {
	if (!row) return 0;
	return now.getTime() - Date.parse(row.window_start) > windowOf(row.key) ? 0 : row.failures;
}

function lockOf(row: Row | undefined, now: Date): Date | undefined {
	if (!row?.locked_until) return undefined;
	const until = new Date(row.locked_until);
	return until.getTime() > now.getTime() ? until : undefined;
}

async function rows(store: Store, keys: ThrottleKeys): Promise<Map<string, Row>> {
	const found = await store.all<Row>(
		'SELECT key, failures, window_start, locked_until FROM login_throttle WHERE key IN ($1, $2, $3)',
		[keys.pair, keys.account, keys.address]
	);
	return new Map(found.map((row) => [row.key, row]));
}

/**
 * Whether this address may try this account now, or why not and until when. The account's own
 * lock refuses only an address that has failed on the account within its window.
 */
export async function refusal(
	store: Store,
	keys: ThrottleKeys,
	now: Date
): Promise<Refusal | undefined> {
	const found = await rows(store, keys);
	const pair = found.get(keys.pair);
	const candidates: Refusal[] = [];
	const pairLock = lockOf(pair, now);
	if (pairLock) candidates.push({ kind: 'pair', until: pairLock });
	const accountLock = lockOf(found.get(keys.account), now);
	if (accountLock && liveFailures(pair, now) > 0) {
		candidates.push({ kind: 'account', until: accountLock });
	}
	const addressLock = lockOf(found.get(keys.address), now);
	if (addressLock) candidates.push({ kind: 'address', until: addressLock });
	// The latest lock is the one to wait for.
	return candidates.sort((a, b) => b.until.getTime() - a.until.getTime())[0];
}

/** Counts one failure on each key and sets the locks the new counts call for. */
export async function recordFailure(store: Store, keys: ThrottleKeys, now: Date): Promise<void> {
	await store.transaction(async (tx) => {
		const found = await rows(tx, keys);
		for (const key of [keys.pair, keys.account, keys.address]) {
			const row = found.get(key);
			const live = liveFailures(row, now);
			const failures = live + 1;
			const windowStart = live > 0 && row ? row.window_start : now.toISOString();
			const lockMs =
				key === keys.pair
					? pairDelayMs(failures)
					: key === keys.account
						? failures >= THROTTLE.accountLockFailures
							? THROTTLE.accountLockMs
							: 0
						: failures >= THROTTLE.addressFailures
							? THROTTLE.addressLockMs
							: 0;
			const locked = lockMs > 0 ? new Date(now.getTime() + lockMs).toISOString() : null;
			await tx.run(
				`INSERT INTO login_throttle (key, failures, window_start, locked_until)
				VALUES ($1, $2, $3, $4)
				ON CONFLICT (key) DO UPDATE SET failures = excluded.failures,
					window_start = excluded.window_start, locked_until = excluded.locked_until`,
				[key, failures, windowStart, locked]
			);
		}
		// Rows past every window and lock count nothing: dropped, so guessed usernames and
		// addresses do not pile up.
		const stale = new Date(now.getTime() - THROTTLE.accountWindowMs).toISOString();
		await tx.run(
			`DELETE FROM login_throttle
			WHERE window_start < $1 AND (locked_until IS NULL OR locked_until < $2)`,
			[stale, now.toISOString()]
		);
	});
}

/**
 * A successful sign-in clears this address's failures on the account. The account's and the
 * address's counts stay: others may be guessing meanwhile, and they end with their windows.
 */
export async function clearFailures(store: Store, keys: ThrottleKeys): Promise<void> {
	await store.run('DELETE FROM login_throttle WHERE key = $1', [keys.pair]);
}
