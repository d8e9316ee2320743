import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { RequestEvent } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SESSION_ENDED } from '../../src/lib/domain/auth';
import {
	CLIENT_SCHEMA_VERSION,
	PROTOCOL_VERSION,
	type PullResponse
} from '../../src/lib/domain/sync/protocol';
import { stopServer } from '../../src/lib/server/init';
import { handle } from '../../src/hooks.server';
import * as login from '../../src/routes/api/auth/login/+server';
import * as logout from '../../src/routes/api/auth/logout/+server';
import * as me from '../../src/routes/api/auth/me/+server';
import * as users from '../../src/routes/api/admin/users/+server';
import * as pull from '../../src/routes/api/sync/pull/+server';
import * as push from '../../src/routes/api/sync/push/+server';

/**
 * The real hooks.server.ts and route files, on the real server module (SQLite, demo mode): the
 * wiring the other integration suites take for granted (tests/factories/api.ts mirrors it).
 */

vi.setConfig({ testTimeout: 60_000 });

const ORIGIN = 'http://127.0.0.1:3000';
const VERSIONS = `protocol=${PROTOCOL_VERSION}&schema=${CLIENT_SCHEMA_VERSION}`;
type Handler = (event: RequestEvent) => Response | Promise<Response>;
const ROUTES: Record<string, Handler> = {
	'POST /api/auth/login': login.POST as Handler,
	'POST /api/auth/logout': logout.POST as Handler,
	'GET /api/auth/me': me.GET as Handler,
	'GET /api/admin/users': users.GET as Handler,
	'GET /api/sync/pull': pull.GET as Handler,
	'POST /api/sync/push': push.POST as Handler
};

async function request(
	method: string,
	path: string,
	init: { json?: unknown; cookie?: string; origin?: string; acceptEncoding?: string } = {}
): Promise<Response> {
	const url = new URL(path, ORIGIN);
	const headers = new Headers();
	if (init.acceptEncoding) headers.set('accept-encoding', init.acceptEncoding);
	if (init.cookie) headers.set('cookie', init.cookie);
	if (init.origin) headers.set('origin', init.origin);
	if (init.json !== undefined) headers.set('content-type', 'application/json');
	const body = init.json === undefined ? undefined : JSON.stringify(init.json);
	const event = {
		request: new Request(url, { method, headers, body }),
		url,
		params: {},
		locals: {},
		getClientAddress: () => '192.0.2.10',
		route: { id: url.pathname }
	} as unknown as RequestEvent;
	return handle({
		event,
		resolve: async (e) => {
			const route = ROUTES[`${method} ${url.pathname}`];
			if (!route) throw new Error(`no route ${method} ${url.pathname}`);
			return route(e);
		}
	});
}

async function signIn(username: string): Promise<string> {
	const response = await request('POST', '/api/auth/login', {
		json: { username, password: `${username}-demo` },
		origin: ORIGIN
	});
	expect(response.status).toBe(200);
	return response.headers.get('set-cookie')?.split(';')[0] ?? '';
}

describe('hooks and API routes (SQLite, demo mode)', () => {
	let dir: string;

	beforeAll(async () => {
		dir = await mkdtemp(join(tmpdir(), 'yol-routes-'));
		vi.stubEnv('DATABASE_URL', '');
		vi.stubEnv('YOL_DEMO', '1');
		vi.stubEnv('YOL_DB_FILE', join(dir, 'yol.sqlite'));
		vi.spyOn(console, 'log').mockImplementation(() => undefined);
	});

	afterAll(async () => {
		await stopServer();
		vi.unstubAllEnvs();
		vi.restoreAllMocks();
		await rm(dir, { recursive: true });
	});

	it('refuses every API route without a session, with the security headers', async () => {
		for (const [method, path] of [
			['GET', '/api/sync/pull?after=0'],
			['POST', '/api/sync/push'],
			['GET', '/api/admin/users']
		] as const) {
			const response = await request(method, path, { json: method === 'POST' ? {} : undefined });
			expect(response.status, path).toBe(401);
			expect(await response.json()).toEqual({ error: SESSION_ENDED });
			expect(response.headers.get('x-frame-options')).toBe('DENY');
		}
	});

	it('signs the demo caseworker in, who pulls Ganja-Dashkasan values only', async () => {
		const cookie = await signIn('caseworker');
		const who = await request('GET', '/api/auth/me', { cookie });
		expect(await who.json()).toMatchObject({ actor: { locationIds: ['reg-ganja-dashkasan'] } });
		const places = new Set<string>();
		let after = 0;
		for (;;) {
			const response = await request(
				'GET',
				`/api/sync/pull?after=${after}&limit=1000&${VERSIONS}`,
				{ cookie }
			);
			expect(response.status).toBe(200);
			const page = (await response.json()) as PullResponse;
			for (const change of page.changes) {
				if (change.entity === 'value')
					places.add((change.data as { locationId: string }).locationId);
			}
			after = page.cursor;
			if (!page.hasMore) break;
		}
		expect([...places]).toEqual(['dist-ganja']);
	});

	it('compresses large JSON answers for a client that accepts it, with Vary', async () => {
		const cookie = await signIn('coordinator');
		const path = `/api/sync/pull?after=0&limit=1000&${VERSIONS}`;
		const plain = await request('GET', path, { cookie });
		expect(plain.headers.get('content-encoding')).toBeNull();
		expect(plain.headers.get('vary')).toBe('Accept-Encoding');
		const text = await plain.text();
		for (const coding of ['gzip', 'br']) {
			const packed = await request('GET', path, { cookie, acceptEncoding: `${coding}, deflate` });
			expect(packed.headers.get('content-encoding')).toBe(coding);
			expect(packed.headers.get('vary')).toBe('Accept-Encoding');
			expect(packed.headers.get('x-content-type-options')).toBe('nosniff');
			const bytes = Buffer.from(await packed.arrayBuffer());
			expect(bytes.byteLength).toBeLessThan(text.length / 5);
			const inflated = coding === 'gzip' ? gunzipSync(bytes) : brotliDecompressSync(bytes);
			expect(inflated.toString('utf8')).toBe(text);
		}
		// A small answer stays plain.
		const me = await request('GET', '/api/auth/me', { cookie, acceptEncoding: 'gzip' });
		expect(me.headers.get('content-encoding')).toBeNull();
	});

	it('refuses a cross-site write even with a valid session', async () => {
		const cookie = await signIn('coordinator');
		const response = await request('POST', '/api/sync/push', {
			cookie,
			json: {},
			origin: 'https://evil.example'
		});
		expect(response.status).toBe(403);
		expect(await response.json()).toEqual({ error: 'Requests from other sites are refused.' });
	});

	it('lets only the administrator list users, and signs out server-side', async () => {
		const member = await signIn('member');
		expect((await request('GET', '/api/admin/users', { cookie: member })).status).toBe(403);
		const admin = await signIn('admin');
		const list = await request('GET', '/api/admin/users', { cookie: admin });
		expect(list.status).toBe(200);
		const { users: all } = (await list.json()) as { users: { username: string; name: string }[] };
		expect(all.map((u) => u.username)).toEqual([
			'admin',
			'caseworker',
			'caseworker2',
			'coordinator',
			'member'
		]);
		const out = await request('POST', '/api/auth/logout', { cookie: admin, origin: ORIGIN });
		expect(out.status).toBe(204);
		expect((await request('GET', '/api/admin/users', { cookie: admin })).status).toBe(401);
	});
});
