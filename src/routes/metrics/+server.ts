import { getStore } from '$lib/server/init';
import { metricsRefusal } from '$lib/server/ops/access';
import { loadOpsConfig } from '$lib/server/ops/env';
import { errorFields, log } from '$lib/server/ops/log';
import { METRICS_CONTENT_TYPE, renderMetrics } from '$lib/server/ops/metrics';
import { peerAddress } from '$lib/server/ops/peer';
import type { RequestHandler } from './$types';

const { metricsToken } = loadOpsConfig();

/** Prometheus' text format, for a scraper with the METRICS_TOKEN (or on this machine). */
export const GET: RequestHandler = async (event) => {
	const refused = metricsRefusal(event.request.headers, peerAddress(event), metricsToken);
	if (refused) return refused;
	// The process's own figures are worth serving while the database is down.
	const store = await getStore().catch((error: unknown) => {
		log().warn({ err: errorFields(error) }, 'metrics: store unavailable');
		return undefined;
	});
	const text = await renderMetrics(store).catch(async (error: unknown) => {
		log().warn({ err: errorFields(error) }, 'metrics: store gauges unavailable');
		return renderMetrics(undefined);
	});
	return new Response(text, {
		headers: { 'content-type': METRICS_CONTENT_TYPE, 'cache-control': 'no-store' }
	});
};
