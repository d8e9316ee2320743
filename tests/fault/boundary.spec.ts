import { readdirSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IndicatorValue } from '../../src/lib/domain/indicators';
import { generateDemoValues } from '../../src/lib/domain/seed/demo-values';
import { CLIENT_SCHEMA_VERSION, PROTOCOL_VERSION } from '../../src/lib/domain/sync/protocol';
import { createUser } from '../../src/lib/server/auth/users';
import type { Store } from '../../src/lib/server/db/store';
import { FILE_CSP, HSTS, SECURITY_HEADERS } from '../../src/lib/server/http/security-headers.js';
import { freePort, ServerProcess, storeTargets, type ServerDb } from './server';

/**
 * The HTTP boundary of the built server as a device or an attacker meets it, with adapter-node
 * in front: its own body limit, its static files, its chunked bodies (issue #18, items 4-6, and
 * the compression of #17). Every refusal is a 4xx with a message and stores nothing.
 */

const TIMEOUT = 60_000;
const [VALUE] = generateDemoValues({ from: '2026-01-01', to: '2026-01-31' }).filter(
	(v) => v.cell === 'total' && v.value !== null
) as IndicatorValue[];

const pushText = (seq: number, extra = '') =>
	JSON.stringify({
		protocol: PROTOCOL_VERSION,
		schema: CLIENT_SCHEMA_VERSION,
		deviceId: 'boundary-tablet',
		mutations: [
			{
				seq,
				mutationId: `m-${seq}`,
				entity: 'value',
				entityId: VALUE!.id,
				op: 'put',
				baseRev: 0,
				changed: ['value'],
				data: { ...VALUE, comment: '', rev: 0 }
			}
		]
	}).replace('"value":', `${extra}"value":`);

/** A POST with no Content-Length, sent chunk by chunk as a device on a slow link would. */
function chunkedPost(
	url: string,
	cookie: string,
	chunks: number,
	chunk: Buffer
): Promise<{ status: number; body: string }> {
	return new Promise((resolve, reject) => {
		const req = httpRequest(
			`${url}/api/sync/push`,
			{ method: 'POST', headers: { cookie, 'content-type': 'application/json' } },
			(res) => {
				let body = '';
				res.setEncoding('utf8');
				res.on('data', (part: string) => (body += part));
				res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
			}
		);
		req.on('error', reject);
		let sent = 0;
		const write = () => {
			while (sent < chunks) {
				sent++;
				if (!req.write(chunk)) return void req.once('drain', write);
			}
			req.end();
		};
		write();
	});
}

describe.each(storeTargets)('the HTTP boundary of the built server on $dialect', (target) => {
	describe.skipIf(target.skipped !== undefined)(target.skipped ?? 'fresh database', () => {
		let db: ServerDb;
		let server: ServerProcess;
		let reader: Store;
		let cookie = '';

		const post = (body: BodyInit, headers: Record<string, string>) =>
			fetch(`${server.url}/api/sync/push`, {
				method: 'POST',
				headers: { cookie, ...headers },
				body
			});
		const stored = async () => {
			const logged = await reader.get<{ n: number }>('SELECT count(*) AS n FROM mutation_log');
			const devices = await reader.get<{ n: number }>('SELECT count(*) AS n FROM devices');
			return (logged?.n ?? 0) + (devices?.n ?? 0);
		};

		beforeAll(async () => {
			db = await target.create();
			server = new ServerProcess(await freePort(), db);
			await server.start();
			reader = db.open();
			const password = 'boundary-tests-password';
			await createUser(
				reader,
				{
					username: 'boundary',
					name: 'Boundary tests',
					organisation: 'State Migration Service',
					role: 'coordinator',
					language: 'en',
					locationIds: null,
					password
				},
				{ userId: null, deviceId: null, at: new Date().toISOString() }
			);
			const login = await fetch(`${server.url}/api/auth/login`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ username: 'boundary', password })
			});
			expect(login.status).toBe(200);
			cookie = login.headers.get('set-cookie')?.split(';')[0] ?? '';
		}, TIMEOUT);

		afterAll(async () => {
			await reader?.close();
			await server?.kill();
			await db?.dispose();
		}, TIMEOUT);

		it('gives static files, built assets and the service worker the pages’ headers and policy', async () => {
			const asset = readdirSync('build/client/_app/immutable/entry').find((f) => f.endsWith('.js'));
			const page = await fetch(`${server.url}/measures`);
			const pagePolicy = page.headers.get('content-security-policy') ?? '';
			// The page's policy is the files' one with the hash of its start-up script added.
			const hash = /'sha256-[A-Za-z0-9+/=]+'/.exec(pagePolicy)?.[0] ?? '';
			expect(hash).not.toBe('');
			const directives = (policy: string) =>
				policy
					.split(';')
					.map((d) => d.trim().replace(` ${hash}`, ''))
					.sort();
			expect(directives(pagePolicy)).toEqual(directives(FILE_CSP));
			for (const path of [
				'/',
				'/measures',
				'/service-worker.js',
				'/robots.txt',
				'/manifest.webmanifest',
				`/_app/immutable/entry/${asset}`,
				'/api/health'
			]) {
				const response = await fetch(`${server.url}${path}`);
				expect(response.status, path).toBe(200);
				for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
					const expected =
						name === 'Content-Security-Policy' && !path.includes('.') && !path.startsWith('/api/')
							? pagePolicy
							: value;
					expect(response.headers.get(name), `${name} on ${path}`).toBe(expected);
				}
				// Plain http without ORIGIN: no HSTS, whatever a client claims in X-Forwarded-Proto.
				expect(response.headers.get('strict-transport-security'), path).toBeNull();
				const claimed = await fetch(`${server.url}${path}`, {
					headers: { 'x-forwarded-proto': 'https' }
				});
				expect(claimed.headers.get('strict-transport-security'), path).toBeNull();
			}
			// The service worker's own fetches and imports are held to the same policy.
			const worker = await fetch(`${server.url}/service-worker.js`);
			expect(worker.headers.get('content-security-policy')).toContain("connect-src 'self'");
			expect(worker.headers.get('content-security-policy')).toContain("script-src 'self'");
		});

		it('sends no policy on a 304, so the browser keeps the page’s own (with its hash)', async () => {
			for (const path of ['/', '/robots.txt']) {
				const first = await fetch(`${server.url}${path}`);
				const etag = first.headers.get('etag');
				expect(etag, path).toBeTruthy();
				const again = await fetch(`${server.url}${path}`, { headers: { 'if-none-match': etag! } });
				expect(again.status, path).toBe(304);
				expect(again.headers.get('content-security-policy'), path).toBeNull();
				expect(again.headers.get('x-content-type-options'), path).toBe('nosniff');
			}
		});

		it(
			'sends HSTS on pages, files and the API when ORIGIN is https, or the named proxy header says so',
			async () => {
				const settings: Record<string, string>[] = [
					{ ORIGIN: 'https://yol.example.org' },
					{ PROTOCOL_HEADER: 'x-forwarded-proto' }
				];
				for (const env of settings) {
					const behind = new ServerProcess(await freePort(), { ...db, env: { ...db.env, ...env } });
					await behind.start();
					try {
						const forwarded: Record<string, string> =
							'PROTOCOL_HEADER' in env ? { 'x-forwarded-proto': 'https' } : {};
						for (const path of ['/', '/service-worker.js', '/robots.txt', '/api/health']) {
							const response = await fetch(`${behind.url}${path}`, { headers: forwarded });
							expect(response.headers.get('strict-transport-security'), path).toBe(HSTS);
						}
						if ('PROTOCOL_HEADER' in env) {
							// The proxy's word is http: no HSTS.
							const plain = await fetch(`${behind.url}/`, {
								headers: { 'x-forwarded-proto': 'http' }
							});
							expect(plain.headers.get('strict-transport-security')).toBeNull();
						}
					} finally {
						await behind.kill();
					}
				}
			},
			TIMEOUT
		);

		it(
			'answers a 10 MB chunked push 413, and one nested 100,000 deep 400, storing nothing',
			async () => {
				const big = await chunkedPost(server.url, cookie, 160, Buffer.alloc(64 * 1024, 0x20));
				expect(big.status).toBe(413);
				expect(JSON.parse(big.body)).toEqual({
					error: expect.stringMatching(/^The push is larger than \d+ bytes: send fewer changes/)
				});
				const deep = `"deep":${'['.repeat(100_000)}${']'.repeat(100_000)},`;
				const nested = await post(pushText(1, deep), { 'content-type': 'application/json' });
				expect(nested.status).toBe(400);
				expect(((await nested.json()) as { error: string }).error).toMatch(/32 levels deep/);
				expect(await stored()).toBe(0);
			},
			TIMEOUT
		);

		it('refuses a text/plain push 415, and corrupted or unknown encodings, storing nothing', async () => {
			// SvelteKit's own CSRF check refuses a text/plain POST from no origin or another one (403);
			// from its own origin (https without ORIGIN set, as adapter-node takes it), the body
			// reader refuses what is not JSON.
			const bare = await post(pushText(1), { 'content-type': 'text/plain' });
			expect(bare.status).toBe(403);
			const plain = await post(pushText(1), {
				'content-type': 'text/plain',
				origin: server.url.replace('http:', 'https:')
			});
			expect(plain.status).toBe(415);
			expect(((await plain.json()) as { error: string }).error).toMatch(/application\/json/);
			const br = await post(pushText(1), {
				'content-type': 'application/json',
				'content-encoding': 'br'
			});
			expect(br.status).toBe(415);
			expect(br.headers.get('accept-encoding')).toBe('gzip');
			const corrupt = new Uint8Array(gzipSync(pushText(1)));
			corrupt.fill(0x41, 20, 80);
			const bad = await post(corrupt, {
				'content-type': 'application/json',
				'content-encoding': 'gzip'
			});
			expect(bad.status).toBe(400);
			const bomb = new Uint8Array(gzipSync(`{${' '.repeat(16 * 1024 * 1024)}}`));
			const bombed = await post(bomb, {
				'content-type': 'application/json',
				'content-encoding': 'gzip'
			});
			expect(bombed.status).toBe(413);
			expect(await stored()).toBe(0);
		});

		it('takes a gzipped push, and answers a pull compressed with Vary', async () => {
			const pushed = await post(new Uint8Array(gzipSync(pushText(1))), {
				'content-type': 'application/json',
				'content-encoding': 'gzip'
			});
			expect(pushed.status).toBe(200);
			expect(((await pushed.json()) as { results: unknown[] }).results).toHaveLength(1);
			expect(await stored()).toBeGreaterThan(0);

			// Node's fetch would inflate by itself: read the raw bytes over node:http instead.
			const path = `/api/sync/pull?after=0&limit=1000&protocol=${PROTOCOL_VERSION}&schema=${CLIENT_SCHEMA_VERSION}`;
			const raw = await new Promise<{ headers: Record<string, unknown>; bytes: Buffer }>(
				(resolve, reject) => {
					httpRequest(
						`${server.url}${path}`,
						{ headers: { cookie, 'accept-encoding': 'gzip' } },
						(res) => {
							const parts: Buffer[] = [];
							res.on('data', (p: Buffer) => parts.push(p));
							res.on('end', () => resolve({ headers: res.headers, bytes: Buffer.concat(parts) }));
						}
					)
						.on('error', reject)
						.end();
				}
			);
			expect(raw.headers.vary).toBe('Accept-Encoding');
			const page = JSON.parse(
				(raw.headers['content-encoding'] === 'gzip' ? gunzipSync(raw.bytes) : raw.bytes).toString()
			) as { changes: unknown[] };
			expect(page.changes.length).toBeGreaterThanOrEqual(0);
		});
	});
});
