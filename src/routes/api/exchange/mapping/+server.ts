import { requireActor } from '$lib/server/auth/guard';
import { handleGetMapping, handlePutMapping } from '$lib/server/exchange/http';
import { initServer } from '$lib/server/init';
import type { RequestHandler } from './$types';

/** The working group's DHIS2 mapping: read by everyone signed in, saved by the coordinator. */
export const GET: RequestHandler = async (event) => {
	const { store, config } = await initServer();
	return handleGetMapping({ store, actor: requireActor(event), bodyLimit: config.bodyLimit });
};

export const PUT: RequestHandler = async (event) => {
	const { store, config } = await initServer();
	return handlePutMapping(event.request, {
		store,
		actor: requireActor(event),
		bodyLimit: config.bodyLimit,
		deviceId: event.locals.session?.deviceId
	});
};
