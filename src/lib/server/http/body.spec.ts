import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { checkDepth, MAX_JSON_DEPTH, readJson } from './body';
import { ApiProblem } from './problem';

const JSON_TYPE = { 'content-type': 'application/json' };

function post(body: BodyInit | null, headers: Record<string, string> = JSON_TYPE): Request {
	return new Request('http://yol.test/api/x', {
		method: 'POST',
		body,
		headers,
		duplex: 'half'
	} as RequestInit);
}

/** A body as adapter-node hands it over: a stream it fails itself past BODY_SIZE_LIMIT. */
function failingStream(error: unknown, first = new TextEncoder().encode('{"a":')) {
	return new ReadableStream<Uint8Array>({
		start(controller) {
			controller.enqueue(first);
			controller.error(error);
		}
	});
}

async function refusal(promise: Promise<unknown>): Promise<ApiProblem> {
	const error = await promise.then(
		() => undefined,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(ApiProblem);
	return error as ApiProblem;
}

describe('readJson', () => {
	it('reads JSON, plain or gzipped, with or without a charset', async () => {
		await expect(readJson(post('{"a":1}'), 100)).resolves.toEqual({ a: 1 });
		const typed = { 'content-type': 'Application/JSON; charset="UTF-8"' };
		await expect(readJson(post('{"a":2}', typed), 100)).resolves.toEqual({ a: 2 });
		const gz = post(new Uint8Array(gzipSync('{"a":3}')), {
			...JSON_TYPE,
			'content-encoding': 'gzip'
		});
		await expect(readJson(gz, 100)).resolves.toEqual({ a: 3 });
	});

	it('refuses anything but JSON with 415, before reading it', async () => {
		for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/jsonx']) {
			const problem = await refusal(readJson(post('{"a":1}', { 'content-type': type }), 100));
			expect(problem.status, type).toBe(415);
			expect(problem.body.error).toContain(`this request said ${type}`);
		}
		const none = await refusal(readJson(post(failingStream(new Error('x')), {}), 100));
		expect(none).toMatchObject({ status: 415 });
		expect(none.body.error).toContain('named none');
	});

	it('refuses an unknown content coding with 415 and says which it reads', async () => {
		const problem = await refusal(
			readJson(post('{}', { ...JSON_TYPE, 'content-encoding': 'deflate' }), 100)
		);
		expect(problem.status).toBe(415);
		expect(problem.headers).toEqual({ 'Accept-Encoding': 'gzip' });
	});

	it("answers adapter-node's own 413 on a chunked body as 413, not as a failure", async () => {
		const sveltekit413 = Object.assign(new Error('request body size exceeded BODY_SIZE_LIMIT'), {
			status: 413
		});
		const problem = await refusal(
			readJson(post(failingStream(sveltekit413)), 100, 'Send fewer changes.')
		);
		expect(problem).toMatchObject({ status: 413, body: { error: 'Send fewer changes.' } });
		const dropped = await refusal(readJson(post(failingStream(new Error('aborted'))), 100));
		expect(dropped.status).toBe(400);
	});

	it('counts a chunked body and its inflated size against the limit', async () => {
		const big = new ReadableStream<Uint8Array>({
			pull(controller) {
				controller.enqueue(new Uint8Array(64).fill(0x20));
			}
		});
		expect((await refusal(readJson(post(big), 1000))).status).toBe(413);
		const bomb = gzipSync(`{"a":${' '.repeat(10_000_000)}1}`);
		expect(bomb.byteLength).toBeLessThan(20_000);
		const inflated = await refusal(
			readJson(post(new Uint8Array(bomb), { ...JSON_TYPE, 'content-encoding': 'gzip' }), 50_000)
		);
		expect(inflated.status).toBe(413);
	});

	it('refuses corrupted gzip, bad UTF-8 and bad JSON with 400', async () => {
		const gz = new Uint8Array(gzipSync(JSON.stringify({ a: 'x'.repeat(200) })));
		gz.fill(0, 12, 30);
		const corrupt = await refusal(
			readJson(post(gz, { ...JSON_TYPE, 'content-encoding': 'gzip' }), 10_000)
		);
		expect(corrupt).toMatchObject({ status: 400, body: { error: expect.stringMatching(/gzip/) } });
		const truncated = gzipSync('{"a":1}').subarray(0, 12);
		expect(
			await refusal(
				readJson(post(new Uint8Array(truncated), { ...JSON_TYPE, 'content-encoding': 'gzip' }), 100)
			)
		).toMatchObject({ status: 400 });
		const latin1 = new Uint8Array([0x7b, 0x22, 0xe9, 0x22, 0x3a, 0x31, 0x7d]);
		expect((await refusal(readJson(post(latin1), 100))).body.error).toMatch(/UTF-8/);
		expect((await refusal(readJson(post('{"a":'), 100))).body.error).toMatch(/not valid JSON/);
	});

	it('refuses JSON nested 100,000 levels deep with 400, without a stack overflow', async () => {
		const deep = `{"a":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
		const problem = await refusal(readJson(post(deep), 1_000_000));
		expect(problem.status).toBe(400);
		expect(problem.body.error).toMatch(/more than 32 levels deep/);
	});
});

describe('checkDepth', () => {
	const nested = (n: number) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;

	it('lets JSON as deep as the limit through, and one level more not', () => {
		expect(() => checkDepth(nested(MAX_JSON_DEPTH), MAX_JSON_DEPTH)).not.toThrow();
		expect(() => checkDepth(nested(MAX_JSON_DEPTH + 1), MAX_JSON_DEPTH)).toThrow(ApiProblem);
	});

	it('does not count brackets inside strings, escaped quotes included', () => {
		const text = JSON.stringify({ a: '[[[[{{{{ \\" [[[[', b: ['"]]]]'] });
		expect(() => checkDepth(text, 2)).not.toThrow();
		expect(() => checkDepth(JSON.stringify({ a: [[[1]]] }), 3)).toThrow(ApiProblem);
	});
});
