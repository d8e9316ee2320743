import { handleAudit } from '$lib/server/auth/admin-http';
import { requireActor } from '$lib/server/auth/guard';
import { initServer } from '$lib/server/init';
import type { RequestHandler } from './$types';

/** The history of one record the caller may see. */
export const GET: RequestHandler = async (event) => {
	const { store } = await initServer();
	return handleAudit(event.url, { store, actor: requireActor(event) });
};
