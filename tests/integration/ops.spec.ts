import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RequestEvent } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CLIENT_SCHEMA_VERSION, PROTOCOL_VERSION } from '../../src/lib/domain/sync/protocol';
import { stopServer } from '../../src/lib/server/init';
import { captureLogs } from '../../src/lib/server/ops/log';
import { handle } from '../../src/hooks.server';
import * as login from '../../src/routes/api/auth/login/+server';
import * as ready from '../../src/routes/api/health/ready/+server';
import * as push from '../../src/routes/api/sync/push/+server';
import * as pull from '../../src/routes/api/sync/pull/+server';
import * as metrics from '../../src/routes/metrics/+server';
import { valueAt } from '../factories/scoped-values';

/**
 * The operators' side through the real hooks and routes (SQLite, demo mode): one JSON log line
 * per request with its id and no personal data, /metrics counting what was served, readiness.
 * hooks.server.ts reads YOL_TRUSTED_PROXIES when it loads: set before the imports above run.
 */
vi.hoisted(() => {
	process.env.YOL_TRUSTED_PROXIES = '192.0.2.1';
});

vi.setConfig({ testTimeout: 60_000 });

const ORIGIN = 'http://127.0.0.1:3000';
const PROXY = '192.0.2.1';
const CLIENT = '198.51.100.7';
type Handler = (event: RequestEvent) => Response | Promise<Response>;
const ROUTES: Record<string, [string, Handler]> = {
	'POST /api/auth/login': ['/api/auth/login', login.POST as Handler],
	'POST /api/sync/push': ['/api/sync/push', push.POST as Handler],
	'GET /api/sync/pull': ['/api/sync/pull', pull.GET as Handler],
	'GET /api/health/ready': ['/api/health/ready', ready.GET as Handler],
	'GET /metrics': ['/metrics', metrics.GET as Handler]
};

interface Init {
	json?: unknown;
	cookie?: string;
	from?: string;
	headers?: Record<string, string>;
}

async function request(method: string, path: string, init: Init = {}): Promise<Response> {
	const url = new URL(path, ORIGIN);
	const headers = new Headers(init.headers);
	if (init.cookie) headers.set('cookie', init.cookie);
	if (method === 'POST') headers.set('origin', ORIGIN);
	if (init.json !== undefined) headers.set('content-type', 'application/json');
	const body = init.json === undefined ? undefined : JSON.stringify(init.json);
	const [id, route] = ROUTES[`${method} ${url.pathname}`] ?? [null, undefined];
	const event = {
		request: new Request(url, { method, headers, body }),
		url,
		params: {},
		locals: {},
		getClientAddress: () => init.from ?? CLIENT,
		route: { id }
	} as unknown as RequestEvent;
	return handle({
		event,
		resolve: async (e) => (route ? route(e) : new Response('Not found', { status: 404 }))
	});
}

const PASSWORD = 'caseworker-demo';
const COMMENT = 'Ailə ilə görüşüldü: uşaq məktəbə gedir (ops-test)';

function pushBody(seq: number) {
	const record = { ...valueAt('dist-ganja', seq), comment: COMMENT };
	return {
		protocol: PROTOCOL_VERSION,
		schema: CLIENT_SCHEMA_VERSION,
		deviceId: 'ops-test-device',
		mutations: [
			{
				seq,
				mutationId: `ops-${seq}`,
				entity: 'value',
				entityId: record.id,
				op: 'put',
				baseRev: 0,
				changed: ['value', 'comment'],
				data: record
			}
		]
	};
}

describe('request ids, logs and metrics through the hooks (SQLite, demo mode)', () => {
	let dir: string;

	beforeAll(async () => {
		dir = await mkdtemp(join(tmpdir(), 'yol-ops-'));
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

	it('logs a sign-in, a push with a comment and a pull without the password, comment or token', async () => {
		const logs = captureLogs('debug');
		let token: string;
		const ids: string[] = [];
		try {
			const wrong = await request('POST', '/api/auth/login', {
				json: { username: 'caseworker', password: 'not-the-password-41' }
			});
			expect(wrong.status).toBe(401);
			const signedIn = await request('POST', '/api/auth/login', {
				json: { username: 'caseworker', password: PASSWORD }
			});
			expect(signedIn.status).toBe(200);
			const cookie = signedIn.headers.get('set-cookie')?.split(';')[0] ?? '';
			token = cookie.split('=')[1] ?? '';
			expect(token.length).toBeGreaterThan(20);

			const pushed = await request('POST', '/api/sync/push', { cookie, json: pushBody(1) });
			expect(pushed.status).toBe(200);
			// The demo data already holds this cell: the comment merges into it.
			expect(await pushed.json()).toMatchObject({ results: [{ outcome: 'merged' }] });
			const pulled = await request(
				'GET',
				`/api/sync/pull?after=0&limit=50&protocol=${PROTOCOL_VERSION}&schema=${CLIENT_SCHEMA_VERSION}`,
				{ cookie }
			);
			expect(pulled.status).toBe(200);
			for (const response of [wrong, signedIn, pushed, pulled]) {
				ids.push(response.headers.get('x-request-id') ?? '');
			}
		} finally {
			logs.stop();
		}

		const text = logs.text();
		const lines = text
			.trim()
			.split('\n')
			.map((line) => JSON.parse(line) as Record<string, unknown>);
		// One line per request at least, every line with the id its response carried.
		expect(lines.length).toBeGreaterThanOrEqual(4);
		for (const line of lines) expect(ids).toContain(line.reqId);
		expect(new Set(ids).size).toBe(4);
		expect(lines.filter((l) => l.msg === 'request').map((l) => [l.route, l.status])).toEqual([
			['/api/auth/login', 401],
			['/api/auth/login', 200],
			['/api/sync/push', 200],
			['/api/sync/pull', 200]
		]);

		for (const secret of [PASSWORD, 'not-the-password-41', COMMENT, 'uşaq məktəbə', token]) {
			expect(text, `the log holds "${secret}"`).not.toContain(secret);
		}
		expect(text).not.toMatch(/yol_session|caseworker|cookie/i);
	});

	it('keeps the X-Request-Id of a trusted proxy only, and only a well-formed one', async () => {
		const fromProxy = await request('GET', '/api/health/ready', {
			from: PROXY,
			headers: { 'x-request-id': 'nginx-4f2a9c' }
		});
		expect(fromProxy.headers.get('x-request-id')).toBe('nginx-4f2a9c');

		const fromClient = await request('GET', '/api/health/ready', {
			from: CLIENT,
			headers: { 'x-request-id': 'chosen-by-client' }
		});
		expect(fromClient.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);

		const injected = await request('GET', '/api/health/ready', {
			from: PROXY,
			headers: { 'x-request-id': 'a"b {comment}' }
		});
		expect(injected.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
	});

	it('answers readiness without a session: the store is up and migrated', async () => {
		const response = await request('GET', '/api/health/ready');
		expect(response.status).toBe(200);
		expect(response.headers.get('cache-control')).toBe('no-store');
		expect(await response.json()).toMatchObject({ ok: true });
	});

	it('serves /metrics to this machine only while METRICS_TOKEN is unset', async () => {
		const outside = await request('GET', '/metrics', { from: CLIENT });
		expect(outside.status).toBe(403);
		expect(((await outside.json()) as { error: string }).error).toMatch(/METRICS_TOKEN/);
		const proxied = await request('GET', '/metrics', {
			from: '127.0.0.1',
			headers: { 'x-forwarded-for': CLIENT }
		});
		expect(proxied.status).toBe(403);

		const local = await request('GET', '/metrics', { from: '127.0.0.1' });
		expect(local.status).toBe(200);
		expect(local.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
		const text = await local.text();
		expect(text).toMatch(
			/^yol_http_requests_total\{route="\/api\/sync\/push",method="POST",status="200"\} 1$/m
		);
		expect(text).toMatch(
			/^yol_http_requests_total\{route="\/api\/auth\/login",method="POST",status="401"\} 1$/m
		);
		expect(text).toMatch(/^yol_sync_push_duration_seconds_count\{status="200"\} 1$/m);
		expect(text).toMatch(/^yol_sync_pull_duration_seconds_count\{status="200"\} 1$/m);
		expect(text).toMatch(/^yol_sync_mutations_total\{outcome="merged"\} 1$/m);
		expect(text).toMatch(/^yol_sync_mutations_total\{outcome="applied"\} 0$/m);
		expect(text).toMatch(/^yol_sync_mutations_total\{outcome="rejected"\} 0$/m);
		expect(text).toMatch(/^yol_devices_active\{window="1h"\} 1$/m);
		expect(text).toMatch(/^yol_process_cpu_seconds_total /m);
		// SQLite has no pool: no pool gauges rather than made-up ones.
		expect(text).not.toMatch(/yol_db_pool/);
		// Labels are route ids and outcomes: nothing typed by a person reaches a scraper.
		expect(text).not.toContain(COMMENT);
	});

	it('counts a push sent again as duplicate', async () => {
		const signedIn = await request('POST', '/api/auth/login', {
			json: { username: 'caseworker', password: PASSWORD }
		});
		const cookie = signedIn.headers.get('set-cookie')?.split(';')[0] ?? '';
		const again = await request('POST', '/api/sync/push', { cookie, json: pushBody(1) });
		expect(await again.json()).toMatchObject({ results: [{ outcome: 'duplicate' }] });
		const text = await (await request('GET', '/metrics', { from: '::1' })).text();
		expect(text).toMatch(/^yol_sync_mutations_total\{outcome="duplicate"\} 1$/m);
		expect(text).toMatch(
			/^yol_http_requests_total\{route="\/api\/sync\/push",method="POST",status="200"\} 2$/m
		);
	});
});
