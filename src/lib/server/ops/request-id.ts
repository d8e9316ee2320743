import { randomUUID } from 'node:crypto';

/**
 * A proxy's id is kept only when it looks like one: it goes into every log line, so it must not
 * be able to smuggle in text (line breaks, quotes, a comment someone typed) or grow without end.
 */
const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The id of one request: the X-Request-Id a trusted proxy sent (so its log and ours join up), or
 * a new one. A client that is not a trusted proxy cannot choose the id its request is logged under.
 */
export function requestIdFor(
	headers: Headers,
	peer: string | undefined,
	trusted: ReadonlySet<string>
): string {
	const offered = headers.get('x-request-id')?.trim();
	if (offered && peer !== undefined && trusted.has(normalise(peer)) && SAFE_ID.test(offered)) {
		return offered;
	}
	return randomUUID();
}

/** Node reports IPv4 peers on a dual-stack socket as `::ffff:127.0.0.1`. */
export function normalise(address: string): string {
	return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}
