import { afterEach, describe, expect, it } from 'vitest';
import { fetchMe } from '$lib/auth/api';
import { fetchTransport, OfflineError } from '$lib/sync/transport';
import { onReach } from './reach';
import { sendJson } from './send-json';

/** What the calls to the server report: the connection indicator is built on it. */
describe('reaching the server', () => {
	const heard: boolean[] = [];
	const stop = onReach((reached) => heard.push(reached));
	afterEach(() => {
		heard.length = 0;
	});
	const dead: typeof fetch = () => Promise.reject(new TypeError('Failed to fetch'));
	const answering =
		(status: number): typeof fetch =>
		() =>
			Promise.resolve(new Response(JSON.stringify({ error: 'busy' }), { status }));

	it('a request that gets no answer says unreachable, whichever screen made it', async () => {
		expect(await sendJson(dead, '/api/x', { method: 'GET' })).toBeNull();
		expect((await fetchMe(dead)).kind).toBe('offline');
		await expect(fetchTransport(dead).pull(0, 100)).rejects.toBeInstanceOf(OfflineError);
		expect(heard).toEqual([false, false, false]);
	});

	it('any answer, an error status too, says reached', async () => {
		expect((await sendJson(answering(503), '/api/x', { method: 'GET' }))?.status).toBe(503);
		expect((await fetchMe(answering(401))).kind).toBe('signed_out');
		expect(heard).toEqual([true, true]);
		stop();
	});
});
