import { handleLogin, overHttps } from '$lib/server/auth/http';
import { initServer } from '$lib/server/init';
import type { RequestHandler } from './$types';

/** Signs in with username and password; sets the session cookie. */
export const POST: RequestHandler = async ({ request, url, getClientAddress }) => {
	const { store } = await initServer();
	return handleLogin(request, {
		store,
		address: getClientAddress(),
		secure: overHttps(request, url)
	});
};
