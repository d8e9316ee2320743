import { handleResetPassword } from '$lib/server/auth/admin-http';
import { requireActor } from '$lib/server/auth/guard';
import { initServer } from '$lib/server/init';
import type { RequestHandler } from './$types';

/** Sets a new password; the user's sessions end. */
export const POST: RequestHandler = async (event) => {
	const { store } = await initServer();
	return handleResetPassword(event.params.id, event.request, {
		store,
		actor: requireActor(event),
		deviceId: event.locals.session?.deviceId
	});
};
