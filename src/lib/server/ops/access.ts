import { createHash, timingSafeEqual } from 'node:crypto';
import { problem } from '../http/problem';
import { normalise } from './request-id';

/**
 * Who may read /metrics. With METRICS_TOKEN set: whoever sends it as a bearer token (401 without
 * one, 403 with a wrong one). Without it: only a client on this machine that did not come through
 * a proxy, since a reverse proxy on the same host makes every outside request look local.
 */
export function metricsRefusal(
	headers: Headers,
	peer: string | undefined,
	token: string | undefined
): Response | undefined {
	if (token !== undefined) {
		const sent = /^Bearer\s+(\S+)\s*$/i.exec(headers.get('authorization') ?? '')?.[1];
		if (sent === undefined) {
			return problem(
				401,
				'Metrics need the METRICS_TOKEN: send it as "Authorization: Bearer <token>".',
				undefined,
				{ 'WWW-Authenticate': 'Bearer realm="yol-metrics"' }
			);
		}
		if (!sameSecret(sent, token)) {
			return problem(403, 'This token is not the METRICS_TOKEN this server was started with.');
		}
		return undefined;
	}
	const forwarded = headers.has('x-forwarded-for') || headers.has('forwarded');
	if (peer === undefined || !isLoopback(peer) || forwarded) {
		return problem(
			403,
			'Metrics are served only to this machine while METRICS_TOKEN is unset: ' +
				'set METRICS_TOKEN on the server to scrape it from elsewhere or through a proxy.'
		);
	}
	return undefined;
}

/** Compared as hashes, so neither the time taken nor a length check tells how much matched. */
function sameSecret(a: string, b: string): boolean {
	const digest = (s: string) => createHash('sha256').update(s).digest();
	return timingSafeEqual(digest(a), digest(b));
}

export function isLoopback(address: string): boolean {
	const plain = normalise(address);
	return plain === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(plain);
}
