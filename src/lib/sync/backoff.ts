/** The first retry after a failure, and the longest wait between retries. */
export const BACKOFF_BASE_MS = 5_000;
export const BACKOFF_CAP_MS = 5 * 60_000;

/**
 * How long to wait before retry number `failures` (1 for the first): doubling from the base up
 * to the cap, with "equal jitter" (half fixed, half random) so that many tablets coming back
 * online at once do not all knock on the server in the same second.
 */
export function backoffDelay(failures: number, random: () => number = Math.random): number {
	const exponent = Math.max(0, failures - 1);
	const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.min(exponent, 20));
	return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
