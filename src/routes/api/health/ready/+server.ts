import { json } from '@sveltejs/kit';
import { getStore } from '$lib/server/init';
import { checkReadiness } from '$lib/server/ops/readiness';
import type { RequestHandler } from './$types';

/**
 * Readiness for load balancers: 200 when the database answers and its migrations are applied,
 * 503 with the reason otherwise. Public and never cached, like liveness (/api/health).
 */
export const GET: RequestHandler = async () => {
	const readiness = await checkReadiness(getStore);
	return json(readiness, {
		status: readiness.ok ? 200 : 503,
		headers: { 'Cache-Control': 'no-store', ...(readiness.ok ? {} : { 'Retry-After': '5' }) }
	});
};
