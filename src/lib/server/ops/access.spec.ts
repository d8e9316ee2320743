import { describe, expect, it } from 'vitest';
import { isLoopback, metricsRefusal } from './access';

const headers = (init: Record<string, string> = {}) => new Headers(init);

describe('metricsRefusal', () => {
	it('with a token: 401 without one (with a challenge), 403 with a wrong one, none with it', async () => {
		const missing = metricsRefusal(headers(), '203.0.113.5', 's3cret-token');
		expect(missing?.status).toBe(401);
		expect(missing?.headers.get('www-authenticate')).toMatch(/^Bearer/);
		expect(((await missing?.json()) as { error: string }).error).toMatch(/Authorization: Bearer/);

		const wrong = metricsRefusal(
			headers({ authorization: 'Bearer s3cret-tokeN' }),
			'203.0.113.5',
			's3cret-token'
		);
		expect(wrong?.status).toBe(403);
		expect(
			metricsRefusal(
				headers({ authorization: 'Bearer s3cret-token' }),
				'203.0.113.5',
				's3cret-token'
			)
		).toBeUndefined();
		// A token set means the token decides, even on loopback.
		expect(metricsRefusal(headers(), '127.0.0.1', 's3cret-token')?.status).toBe(401);
	});

	it('without a token: loopback only, and not through a proxy', () => {
		for (const peer of ['127.0.0.1', '::1', '::ffff:127.0.0.1', '127.8.9.10']) {
			expect(metricsRefusal(headers(), peer, undefined), peer).toBeUndefined();
		}
		for (const peer of ['10.0.0.5', '::ffff:10.0.0.5', '128.0.0.1', undefined]) {
			expect(metricsRefusal(headers(), peer, undefined)?.status, String(peer)).toBe(403);
		}
		expect(
			metricsRefusal(headers({ forwarded: 'for=203.0.113.5' }), '127.0.0.1', undefined)?.status
		).toBe(403);
		expect(isLoopback('127.0.0.1.example')).toBe(false);
	});
});
