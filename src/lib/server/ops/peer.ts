import type { RequestEvent } from '@sveltejs/kit';

/**
 * The address of the connection itself. adapter-node's getClientAddress() reads ADDRESS_HEADER
 * when that is set, which a client can write; the socket's own address it cannot. Outside
 * adapter-node (tests, vite dev) there is no socket to read, so getClientAddress() is all there is.
 */
export function peerAddress(event: RequestEvent): string | undefined {
	const platform = event.platform as { req?: { socket?: { remoteAddress?: string } } } | undefined;
	const socket = platform?.req?.socket?.remoteAddress;
	if (socket) return socket;
	try {
		return event.getClientAddress();
	} catch {
		return undefined;
	}
}

/**
 * The client's address for throttling and the session list. Behind a proxy adapter-node reads
 * it from ADDRESS_HEADER (X-Forwarded-For, XFF_DEPTH from the right), which anyone can write:
 * it is believed only when the connection comes from an address in YOL_TRUSTED_PROXIES, the
 * proxy itself. From anywhere else (a client that reaches an app server directly) the
 * connection's own address counts, so a made-up header cannot spread one guesser's failures
 * over many addresses, or pin them on someone else's.
 */
export function clientAddress(
	event: RequestEvent,
	trustedProxies: ReadonlySet<string>,
	addressHeader = process.env.ADDRESS_HEADER
): string {
	const socket = socketAddress(event);
	if (addressHeader && socket !== undefined && !trustedProxies.has(socket)) return socket;
	try {
		return event.getClientAddress();
	} catch {
		// ADDRESS_HEADER is set and the proxy sent none: the connection's address it is.
		return socket ?? 'unknown';
	}
}

function socketAddress(event: RequestEvent): string | undefined {
	const platform = event.platform as { req?: { socket?: { remoteAddress?: string } } } | undefined;
	const address = platform?.req?.socket?.remoteAddress;
	// An IPv4 peer on a dual-stack socket reads ::ffff:127.0.0.1; the list names 127.0.0.1.
	return address?.startsWith('::ffff:') ? address.slice(7) : address;
}
