import { handleMe } from '$lib/server/auth/http';
import type { RequestHandler } from './$types';

/** Who is signed in, or 401. */
export const GET: RequestHandler = ({ locals }) => handleMe(locals.actor, locals.session);
