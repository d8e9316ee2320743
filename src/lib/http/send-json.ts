import { reportReach } from './reach';
import { obeyWipeOrder } from './wipe-order';

/**
 * One JSON call to Yol's own API, as the screens that talk to the server online make it: the
 * session cookie, never an HTTP cache, JSON both ways. `null` means the server was not reached
 * (offline, or the connection dropped); a body that is not JSON (or a 204) reads as undefined.
 */
export interface JsonAnswer {
	status: number;
	ok: boolean;
	body: unknown;
}

export async function sendJson(
	fetchFn: typeof fetch,
	url: string,
	init: RequestInit
): Promise<JsonAnswer | null> {
	let response: Response;
	try {
		response = await fetchFn(url, {
			...init,
			credentials: 'same-origin',
			cache: 'no-store',
			headers: {
				accept: 'application/json',
				...(init.body ? { 'content-type': 'application/json' } : {})
			}
		});
	} catch {
		reportReach(false);
		return null;
	}
	reportReach(true);
	const body: unknown =
		response.status === 204 ? undefined : await response.json().catch(() => undefined);
	// A device marked lost is wiped here when the server says so (wipe-order.ts).
	await obeyWipeOrder(response.status, body);
	return { status: response.status, ok: response.ok, body };
}
