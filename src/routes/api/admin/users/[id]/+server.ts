import { handleGetUser, handleUpdateUser } from '$lib/server/auth/admin-http';
import { requireActor } from '$lib/server/auth/guard';
import { initServer } from '$lib/server/init';
import type { RequestHandler } from './$types';

/** The user and their sessions. */
export const GET: RequestHandler = async (event) => {
	const { store } = await initServer();
	return handleGetUser(event.params.id, { store, actor: requireActor(event) });
};

export const PATCH: RequestHandler = async (event) => {
	const { store } = await initServer();
	return handleUpdateUser(event.params.id, event.request, {
		store,
		actor: requireActor(event),
		deviceId: event.locals.session?.deviceId
	});
};
