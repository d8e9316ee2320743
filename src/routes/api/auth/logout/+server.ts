import { handleLogout, overHttps } from '$lib/server/auth/http';
import { initServer } from '$lib/server/init';
import type { RequestHandler } from './$types';

/** Ends the session on the server and clears the cookie. */
export const POST: RequestHandler = async ({ locals, request, url }) => {
	const { store } = await initServer();
	return handleLogout(locals.session, { store, secure: overHttps(request, url) });
};
