// 200 devices pulling increments at once (issue 4's target: zero errors, p99 ≤ 250 ms), with
// autocannon on loopback against the built server on SQLite holding 100,000 values. Each request
// is a routine pull: the changes after a cursor 1 to 100 revisions behind the head.
// @ts-expect-error -- autocannon ships no type declarations (@types/autocannon is not installed)
import autocannon from 'autocannon';
import { serverWithValues, signIn, VERSIONS } from './sync-setup.js';

const CLIENTS = 200;
const SECONDS = 15;
const VALUES = 100_000;
const PORT = 4210;

export async function run() {
	const server = await serverWithValues(PORT, VALUES);
	try {
		// A short warm-up, so the figures are of a running server, not of its first requests.
		const cookie = await signIn(server.url);
		await cannon(server.url, server.head, 3, cookie);
		const result = await cannon(server.url, server.head, SECONDS, cookie);
		const errors = result.errors + result.timeouts + result.non2xx;
		const p99 = result.latency.p99;
		const ok = errors === 0 && p99 <= 250;
		const lines = [
			`## ${CLIENTS} devices pulling increments at once`,
			'',
			`autocannon on loopback, ${CLIENTS} connections for ${SECONDS} s, against the built server on SQLite holding ${VALUES.toLocaleString('en')} values; each request pulls the changes after a cursor 1–100 revisions behind the head (limit 1,000).`,
			'',
			'| requests | errors (incl. timeouts, non-2xx) | p50 | p90 | p99 | max | requests/s | MB/s |',
			'|---:|---:|---:|---:|---:|---:|---:|---:|',
			`| ${result.requests.total.toLocaleString('en')} | ${errors} | ${result.latency.p50} ms | ${result.latency.p90} ms | **${p99} ms** | ${result.latency.max} ms | ${result.requests.average.toFixed(0)} | ${(result.throughput.average / 2 ** 20).toFixed(1)} |`,
			'',
			`Target (zero errors, p99 ≤ 250 ms): ${ok ? 'met' : 'missed'}.`,
			''
		];
		return { markdown: lines.join('\n') };
	} finally {
		await server.stop();
	}
}

/** @param {string} url @param {number} head @param {number} duration @param {string} cookie */
function cannon(url, head, duration, cookie) {
	return autocannon({
		url,
		headers: { cookie },
		connections: CLIENTS,
		duration,
		timeout: 10,
		requests: [
			{
				method: 'GET',
				setupRequest: (/** @type {any} */ request) => {
					const after = head - 1 - Math.floor(Math.random() * 100);
					request.path = `/api/sync/pull?after=${after}&limit=1000&protocol=${VERSIONS.protocol}&schema=${VERSIONS.schema}`;
					return request;
				}
			}
		]
	});
}
