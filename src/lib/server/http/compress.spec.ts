import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { json } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { chooseCoding, COMPRESS_MIN_BYTES, compressResponse } from './compress';

const get = (acceptEncoding?: string, method = 'GET') =>
	new Request('http://yol.test/api/sync/pull', {
		method,
		headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding }
	});
const big = { changes: Array.from({ length: 200 }, (_, i) => ({ rev: i, entity: 'value' })) };

describe('chooseCoding', () => {
	it("follows the client's weights, brotli first when equal", () => {
		expect(chooseCoding('gzip, deflate, br, zstd')).toBe('br');
		expect(chooseCoding('gzip')).toBe('gzip');
		expect(chooseCoding('br;q=0.5, gzip;q=0.8')).toBe('gzip');
		expect(chooseCoding('br;q=0, gzip')).toBe('gzip');
		expect(chooseCoding('*')).toBe('br');
		expect(chooseCoding('*, br;q=0')).toBe('gzip');
		expect(chooseCoding('identity')).toBeUndefined();
		expect(chooseCoding('gzip;q=0')).toBeUndefined();
		expect(chooseCoding(null)).toBeUndefined();
	});
});

describe('compressResponse', () => {
	it('streams a large JSON answer as brotli or gzip, with Vary and no stale length', async () => {
		for (const [accept, decode] of [
			['br', brotliDecompressSync],
			['gzip', gunzipSync]
		] as const) {
			const answer = compressResponse(get(accept), Response.json(big, { status: 200 }));
			expect(answer.headers.get('content-encoding')).toBe(accept);
			expect(answer.headers.get('vary')).toBe('Accept-Encoding');
			expect(answer.headers.get('content-length')).toBeNull();
			const bytes = Buffer.from(await answer.arrayBuffer());
			expect(bytes.byteLength).toBeLessThan(JSON.stringify(big).length / 4);
			expect(JSON.parse(decode(bytes).toString('utf8'))).toEqual(big);
		}
	});

	it('keeps small answers, HEAD and clients that accept nothing plain (with Vary)', async () => {
		const small = { error: 'x'.repeat(COMPRESS_MIN_BYTES - 20) };
		const kept = compressResponse(get('gzip'), json(small, { status: 400 }));
		expect(kept.headers.get('content-encoding')).toBeNull();
		expect(kept.status).toBe(400);
		expect(kept.headers.get('vary')).toBe('Accept-Encoding');
		expect(await kept.json()).toEqual(small);
		const plain = compressResponse(get(), Response.json(big));
		expect(plain.headers.get('content-encoding')).toBeNull();
		expect(plain.headers.get('vary')).toBe('Accept-Encoding');
		expect(await plain.json()).toEqual(big);
		expect(
			compressResponse(get('gzip', 'HEAD'), Response.json(big)).headers.get('content-encoding')
		).toBeNull();
	});

	it('leaves answers that are not JSON alone', () => {
		const page = new Response('<p>hi</p>'.repeat(500), {
			headers: { 'content-type': 'text/html' }
		});
		expect(compressResponse(get('gzip'), page)).toBe(page);
	});
});
