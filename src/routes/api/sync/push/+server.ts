import { initServer } from '$lib/server/init';
import { handlePush } from '$lib/server/sync/http';
import type { RequestHandler } from './$types';

/** A device's outbox, applied once per mutation; see $lib/server/sync/push.ts. */
export const POST: RequestHandler = async ({ request }) => {
	const { store, config } = await initServer();
	return handlePush(request, { store, bodyLimit: config.bodyLimit });
};
