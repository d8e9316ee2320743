import { requireActor } from '$lib/server/auth/guard';
import { initServer } from '$lib/server/init';
import { handlePush } from '$lib/server/sync/http';
import type { RequestHandler } from './$types';

/** A device's outbox, applied once per mutation as far as the user may; see $lib/server/sync/push.ts. */
export const POST: RequestHandler = async (event) => {
	const { store, config } = await initServer();
	return handlePush(event.request, {
		store,
		bodyLimit: config.bodyLimit,
		actor: requireActor(event),
		sessionId: event.locals.session?.id,
		userAgent: event.request.headers.get('user-agent')
	});
};
