import { handleCreateUser, handleListUsers } from '$lib/server/auth/admin-http';
import { requireActor } from '$lib/server/auth/guard';
import { initServer } from '$lib/server/init';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const { store } = await initServer();
	return handleListUsers({ store, actor: requireActor(event) });
};

export const POST: RequestHandler = async (event) => {
	const { store } = await initServer();
	return handleCreateUser(event.request, {
		store,
		actor: requireActor(event),
		deviceId: event.locals.session?.deviceId
	});
};
