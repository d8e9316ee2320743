import { requireActor } from '$lib/server/auth/guard';
import { initServer } from '$lib/server/init';
import { handlePull } from '$lib/server/sync/http';
import type { RequestHandler } from './$types';

/** Changes after a device's cursor, within what the user may see; see $lib/server/sync/pull.ts. */
export const GET: RequestHandler = async (event) => {
	const { store, config } = await initServer();
	return handlePull(event.url, {
		store,
		bodyLimit: config.bodyLimit,
		actor: requireActor(event),
		sessionId: event.locals.session?.id,
		userAgent: event.request.headers.get('user-agent')
	});
};
