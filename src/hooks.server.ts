import type { Handle, ServerInit } from '@sveltejs/kit';
import { gateApi } from '$lib/server/auth/http';
import { compressResponse } from '$lib/server/http/compress';
import { HSTS, SECURITY_HEADERS, servedOverHttps } from '$lib/server/http/security-headers.js';
import { initServer } from '$lib/server/init';

/** Opens the store, runs migrations and loads demo data before the first request is served. */
export const init: ServerInit = async () => {
	await initServer();
};

export const handle: Handle = async ({ event, resolve }) => {
	let response: Response | undefined;
	if (event.url.pathname.startsWith('/api/')) {
		// Sessions, roles and cross-site refusal for every API route, before any route runs.
		const { store } = await initServer();
		const gate = await gateApi(event.request, event.url, store);
		response = gate.response;
		event.locals.actor = gate.actor;
		event.locals.session = gate.session;
	}
	response ??= await resolve(event);
	// Every JSON answer of the API goes compressed to a client that accepts it (see compress.ts).
	if (event.url.pathname.startsWith('/api/')) response = compressResponse(event.request, response);
	// Pages already carry SvelteKit's Content-Security-Policy (kit.csp, with the hashes): kept.
	for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
		if (!response.headers.has(name)) response.headers.set(name, value);
	}
	if (servedOverHttps(process.env, (name) => event.request.headers.get(name))) {
		response.headers.set('Strict-Transport-Security', HSTS);
	}
	return response;
};
