import { initServer } from '$lib/server/init';
import { handlePull } from '$lib/server/sync/http';
import type { RequestHandler } from './$types';

/** Changes after a device's cursor; see $lib/server/sync/pull.ts. */
export const GET: RequestHandler = async ({ url }) => {
	const { store, config } = await initServer();
	return handlePull(url, { store, bodyLimit: config.bodyLimit });
};
