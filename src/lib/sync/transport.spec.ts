import { gunzipSync } from 'node:zlib';
import {
	CLIENT_SCHEMA_VERSION,
	PROTOCOL_VERSION,
	type PushRequest
} from '$lib/domain/sync/protocol';
import { describe, expect, it } from 'vitest';
import {
	BadResponseError,
	OfflineError,
	SessionEndedError,
	SyncHttpError,
	UpdateRequiredError,
	fetchTransport
} from './transport';

function answering(status: number, body: unknown, seen: RequestInit[] = []): typeof fetch {
	return (_url, init) => {
		seen.push(init ?? {});
		return Promise.resolve(
			new Response(typeof body === 'string' ? body : JSON.stringify(body), { status })
		);
	};
}

const request = { protocol: 1, schema: 1, deviceId: 'device-1', mutations: [] };

describe('fetchTransport', () => {
	it('sends JSON with the session cookie and parses the answer', async () => {
		const seen: RequestInit[] = [];
		const net = fetchTransport(answering(200, { results: [], lastSeq: 0 }, seen));
		await expect(net.push(request)).resolves.toEqual({ results: [], lastSeq: 0 });
		expect(seen[0]).toMatchObject({ method: 'POST', credentials: 'same-origin' });
		expect(JSON.parse(seen[0]!.body as string)).toEqual(request);
	});

	it('asks for a page after the cursor', async () => {
		const urls: string[] = [];
		const net = fetchTransport((url) => {
			urls.push(String(url));
			return Promise.resolve(Response.json({ changes: [], cursor: 7, hasMore: false }));
		});
		await expect(net.pull(7, 500)).resolves.toMatchObject({ cursor: 7 });
		expect(urls).toEqual([
			`/api/sync/pull?after=7&limit=500&protocol=${PROTOCOL_VERSION}&schema=${CLIENT_SCHEMA_VERSION}`
		]);
	});

	it('turns 426 into UpdateRequiredError', async () => {
		const net = fetchTransport(answering(426, { error: 'update the app' }));
		await expect(net.pull(0, 10)).rejects.toBeInstanceOf(UpdateRequiredError);
	});

	it('turns 401 into SessionEndedError, with or without a message', async () => {
		const net = fetchTransport(answering(401, { error: 'Your session has ended.' }));
		const error = await net.push(request).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(SessionEndedError);
		expect(error).toMatchObject({ message: 'Your session has ended.' });
		const bare = fetchTransport(answering(401, 'Unauthorized'));
		await expect(bare.pull(0, 10)).rejects.toMatchObject({ name: 'SessionEndedError' });
	});

	it("keeps the server's message and field on a 4xx", async () => {
		const net = fetchTransport(answering(400, { error: 'seq must be 1 or more', field: 'seq' }));
		const error = await net.push(request).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(SyncHttpError);
		expect(error).toMatchObject({ status: 400, message: 'seq must be 1 or more', field: 'seq' });
	});

	const bigRequest = {
		...request,
		mutations: Array.from({ length: 40 }, (_, i) => ({
			seq: i + 1,
			mutationId: `m-${i + 1}`,
			entity: 'value',
			entityId: `value-${i}`,
			op: 'put',
			baseRev: 0,
			changed: ['value'],
			data: { value: i, comment: 'the same words again and again' }
		}))
	} as unknown as PushRequest;
	const headerOf = (init: RequestInit | undefined, name: string) =>
		(init?.headers as Record<string, string> | undefined)?.[name];

	it('gzips a push of 1 KB or more, and sends a small one plain', async () => {
		const seen: RequestInit[] = [];
		const net = fetchTransport(answering(200, { results: [], lastSeq: 0 }, seen));
		await net.push(bigRequest);
		expect(headerOf(seen[0], 'content-encoding')).toBe('gzip');
		expect(headerOf(seen[0], 'content-type')).toBe('application/json');
		const sent = seen[0]!.body as Uint8Array;
		expect(sent.byteLength).toBeLessThan(JSON.stringify(bigRequest).length / 4);
		expect(JSON.parse(gunzipSync(sent).toString('utf8'))).toEqual(bigRequest);
		await net.push(request);
		expect(headerOf(seen[1], 'content-encoding')).toBeUndefined();
		expect(JSON.parse(seen[1]!.body as string)).toEqual(request);
	});

	it('falls back to plain JSON for good when the server answers 415 to gzip', async () => {
		const seen: RequestInit[] = [];
		const net = fetchTransport((_url, init) => {
			seen.push(init ?? {});
			const gzipped = headerOf(init, 'content-encoding') === 'gzip';
			return Promise.resolve(
				gzipped
					? Response.json({ error: 'Unsupported Media Type' }, { status: 415 })
					: Response.json({ results: [], lastSeq: 0 })
			);
		});
		await expect(net.push(bigRequest)).resolves.toEqual({ results: [], lastSeq: 0 });
		await expect(net.push(bigRequest)).resolves.toEqual({ results: [], lastSeq: 0 });
		expect(seen.map((init) => headerOf(init, 'content-encoding') ?? 'plain')).toEqual([
			'gzip',
			'plain',
			'plain'
		]);
		expect(JSON.parse(seen[1]!.body as string)).toEqual(bigRequest);
	});

	it('does not resend plain after another refusal of a gzipped push', async () => {
		const seen: RequestInit[] = [];
		const net = fetchTransport(answering(413, { error: 'too large' }, seen));
		await expect(net.push(bigRequest)).rejects.toMatchObject({ status: 413 });
		expect(seen).toHaveLength(1);
	});

	it('reports a failed fetch as offline', async () => {
		const net = fetchTransport(() => Promise.reject(new TypeError('Failed to fetch')));
		await expect(net.push(request)).rejects.toBeInstanceOf(OfflineError);
	});

	it('refuses an answer that is not the protocol message', async () => {
		const net = fetchTransport(answering(200, { results: 'nope' }));
		await expect(net.push(request)).rejects.toBeInstanceOf(BadResponseError);
	});
});
