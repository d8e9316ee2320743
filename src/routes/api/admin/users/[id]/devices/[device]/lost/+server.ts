import { handleMarkLost } from '$lib/server/auth/admin-http';
import { requireActor } from '$lib/server/auth/guard';
import { initServer } from '$lib/server/init';
import type { RequestHandler } from './$types';

/** Marks the device lost: refused at once, told to wipe (`{ mode }`: 'push-first' or 'wipe-now'). */
export const POST: RequestHandler = async (event) => {
	const { store } = await initServer();
	return handleMarkLost(event.params.id, event.params.device, event.request, {
		store,
		actor: requireActor(event),
		deviceId: event.locals.session?.deviceId
	});
};
