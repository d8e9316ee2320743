import { json } from '@sveltejs/kit';
import { schemaVersion } from '$lib/server/db/migrate';
import { getStore } from '$lib/server/init';
import type { RequestHandler } from './$types';

/** Liveness for load balancers and the app's connection indicator; must never be cached. */
export const GET: RequestHandler = async () => {
	const headers = { 'Cache-Control': 'no-store' };
	try {
		const store = await getStore();
		const schema = await schemaVersion(store);
		return json(
			{ ok: true, store: store.dialect, schema, time: new Date().toISOString() },
			{ headers }
		);
	} catch (error) {
		// The detail may name hosts or files: it goes to the log, not to the public response.
		console.error('Yol: health check failed:', error);
		return json({ ok: false, error: 'store unavailable' }, { status: 503, headers });
	}
};
