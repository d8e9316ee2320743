import { handleListDevices } from '$lib/server/auth/admin-http';
import { requireActor } from '$lib/server/auth/guard';
import { initServer } from '$lib/server/init';
import type { RequestHandler } from './$types';

/** The user's devices: name or browser, first and last sync, pending count, lost or not. */
export const GET: RequestHandler = async (event) => {
	const { store } = await initServer();
	return handleListDevices(event.params.id, { store, actor: requireActor(event) });
};
