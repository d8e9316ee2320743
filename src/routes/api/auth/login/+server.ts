import { handleLogin, overHttps } from '$lib/server/auth/http';
import { initServer } from '$lib/server/init';
import { loadOpsConfig } from '$lib/server/ops/env';
import { clientAddress } from '$lib/server/ops/peer';
import type { RequestHandler } from './$types';

const { trustedProxies } = loadOpsConfig();

/** Signs in with username and password; sets the session cookie. */
export const POST: RequestHandler = async (event) => {
	const { request, url } = event;
	const { store } = await initServer();
	return handleLogin(request, {
		store,
		address: clientAddress(event, trustedProxies),
		secure: overHttps(request, url)
	});
};
