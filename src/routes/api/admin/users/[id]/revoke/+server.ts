import { handleRevokeUser } from '$lib/server/auth/admin-http';
import { requireActor } from '$lib/server/auth/guard';
import { initServer } from '$lib/server/init';
import type { RequestHandler } from './$types';

/** A lost tablet: ends the user's sessions and refuses their devices. */
export const POST: RequestHandler = async (event) => {
	const { store } = await initServer();
	return handleRevokeUser(event.params.id, {
		store,
		actor: requireActor(event),
		deviceId: event.locals.session?.deviceId
	});
};
