import type { Handle, RequestEvent, ServerInit } from '@sveltejs/kit';
import { gateApi } from '$lib/server/auth/http';
import { compressResponse } from '$lib/server/http/compress';
import { problem, RETRY_LATER } from '$lib/server/http/problem';
import { isStoreUnavailable } from '$lib/server/http/unavailable';
import { HSTS, SECURITY_HEADERS, servedOverHttps } from '$lib/server/http/security-headers.js';
import { initServer } from '$lib/server/init';
import { loadOpsConfig } from '$lib/server/ops/env';
import { errorFields, log } from '$lib/server/ops/log';
import { observeRequest } from '$lib/server/ops/metrics';
import { peerAddress } from '$lib/server/ops/peer';
import { withRequest } from '$lib/server/ops/request-context';
import { requestIdFor } from '$lib/server/ops/request-id';

/**
 * Opens the store, runs migrations and loads demo data before the first request is served
 * (adapter-node listens only once this is done): a database not reachable yet is waited for.
 */
export const init: ServerInit = async () => {
	await initServer(undefined, { wait: true });
};

const ops = loadOpsConfig();

const UNAVAILABLE =
	'The server cannot reach its database just now; nothing was changed. Try again in a few seconds.';

/** Answered without a session and before the store opens: a probe must work while it cannot. */
const PROBES = new Set(['/api/health/ready']);

/**
 * Every request gets an id (kept from a trusted proxy, else new) that every log line written
 * while serving it carries and that goes back in X-Request-Id; its answer is counted for
 * /metrics and logged as one line with no personal data (the route id, never the path).
 */
export const handle: Handle = async ({ event, resolve }) => {
	const started = performance.now();
	const id = requestIdFor(event.request.headers, peerAddress(event), ops.trustedProxies);
	return withRequest({ id }, async () => {
		const route = event.route.id;
		const method = event.request.method;
		let response: Response;
		try {
			response = await answer(event, resolve).catch((error: unknown) => {
				// The session check (or a route's own read) met a database that cannot answer now
				// (restarting, failing over): the client tries again later, as for a route's 503.
				if (!isStoreUnavailable(error)) throw error;
				log().warn({ method, route, err: errorFields(error) }, 'database unavailable');
				return problem(503, UNAVAILABLE, undefined, RETRY_LATER);
			});
		} catch (error) {
			observeRequest(route, method, 500, (performance.now() - started) / 1000);
			log().error({ method, route, status: 500, err: errorFields(error) }, 'request failed');
			throw error;
		}
		response.headers.set('X-Request-Id', id);
		const seconds = (performance.now() - started) / 1000;
		observeRequest(route, method, response.status, seconds);
		const line = { method, route, status: response.status, ms: Math.round(seconds * 1000) };
		if (response.status >= 500) log().error(line, 'request');
		else log().info(line, 'request');
		return response;
	});
};

async function answer(event: RequestEvent, resolve: Parameters<Handle>[0]['resolve']) {
	let response: Response | undefined;
	const api = event.url.pathname.startsWith('/api/');
	if (api && !PROBES.has(event.url.pathname)) {
		// Sessions, roles and cross-site refusal for every API route, before any route runs.
		const { store } = await initServer();
		const gate = await gateApi(event.request, event.url, store);
		response = gate.response;
		event.locals.actor = gate.actor;
		event.locals.session = gate.session;
	}
	response ??= await resolve(event);
	// Every JSON answer of the API goes compressed to a client that accepts it (see compress.ts).
	if (api) response = compressResponse(event.request, response);
	// Pages already carry SvelteKit's Content-Security-Policy (kit.csp, with the hashes): kept.
	for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
		if (!response.headers.has(name)) response.headers.set(name, value);
	}
	if (servedOverHttps(process.env, (name) => event.request.headers.get(name))) {
		response.headers.set('Strict-Transport-Security', HSTS);
	}
	return response;
}
