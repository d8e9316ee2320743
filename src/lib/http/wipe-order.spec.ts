import { beforeEach, describe, expect, it, vi } from 'vitest';

const wipeDevice = vi.fn(() => Promise.resolve());
vi.mock('./wipe-device', () => ({ wipeDevice }));

const { obeyWipeOrder, wipeOrder, DeviceLostError } = await import('./wipe-order');
const { deviceWiped } = await import('./wiped.svelte');
const { fetchTransport } = await import('$lib/sync/transport');
const { sendJson } = await import('./send-json');

const WIPE = { error: 'marked lost', wipe: true, reason: 'marked lost' };
const PUSH_FIRST = { error: 'send first', wipe: false, reason: 'send first' };

const answering =
	(status: number, body: unknown): typeof fetch =>
	() =>
		Promise.resolve(new Response(JSON.stringify(body), { status }));

describe('the wipe order', () => {
	beforeEach(() => {
		wipeDevice.mockClear();
	});

	it('is only a 410 whose body says wipe', () => {
		expect(wipeOrder(410, WIPE)).toEqual(WIPE);
		expect(wipeOrder(410, PUSH_FIRST)).toEqual(PUSH_FIRST);
		// Anything else is not the order: a 410 from a proxy, a 403 with the same body, no body.
		expect(wipeOrder(410, { error: 'Gone' })).toBeUndefined();
		expect(wipeOrder(410, undefined)).toBeUndefined();
		expect(wipeOrder(403, WIPE)).toBeUndefined();
		expect(wipeOrder(200, { wipe: true })).toBeUndefined();
		expect(wipeOrder(410, { wipe: 'yes' })).toBeUndefined();
	});

	it('does not wipe for push-first with changes left, nor for other answers', async () => {
		expect(await obeyWipeOrder(410, PUSH_FIRST)).toEqual(PUSH_FIRST);
		expect(await obeyWipeOrder(401, { error: 'signed out' })).toBeUndefined();
		expect(wipeDevice).not.toHaveBeenCalled();
		expect(deviceWiped.current).toBe(false);
	});

	it('wipes once, from the sync transport and sendJson alike, and shows the wiped page', async () => {
		const net = fetchTransport(answering(410, WIPE));
		const push = net.push({ protocol: 1, schema: 1, deviceId: 'device-1', mutations: [] });
		await expect(push).rejects.toBeInstanceOf(DeviceLostError);
		await expect(net.pull(0, 10)).rejects.toBeInstanceOf(DeviceLostError);
		const answer = await sendJson(answering(410, WIPE), '/api/admin/users', { method: 'GET' });
		expect(answer?.status).toBe(410);
		expect(deviceWiped.current).toBe(true);
		expect(wipeDevice).toHaveBeenCalledTimes(1);
	});
});

describe('the pull names its device', () => {
	it('sends the device id and its pending count when it has them', async () => {
		const urls: string[] = [];
		const net = fetchTransport(
			(url) => {
				urls.push(String(url));
				return Promise.resolve(
					new Response(
						JSON.stringify({ changes: [], cursor: 0, hasMore: false, scope: 'all', epoch: 'e' }),
						{ status: 200 }
					)
				);
			},
			() => Promise.resolve({ id: 'device-1', pending: 3 })
		);
		await net.pull(0, 10).catch(() => undefined);
		expect(new URL(urls[0]!, 'http://yol.test').searchParams.get('device')).toBe('device-1');
		expect(new URL(urls[0]!, 'http://yol.test').searchParams.get('pending')).toBe('3');
	});
});
