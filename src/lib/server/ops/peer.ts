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
