import { migrate } from '../../src/lib/server/db/migrate';
import type { Store } from '../../src/lib/server/db/store';
import {
	handleAudit,
	handleCreateUser,
	handleGetUser,
	handleListDevices,
	handleListUsers,
	handleMarkLost,
	handleResetPassword,
	handleRevokeUser,
	handleUpdateUser
} from '../../src/lib/server/auth/admin-http';
import { seedDemoUsers } from '../../src/lib/server/auth/demo-users';
import {
	gateApi,
	handleLogin,
	handleLogout,
	handleMe,
	overHttps
} from '../../src/lib/server/auth/http';
import { handleGetMapping, handlePutMapping } from '../../src/lib/server/exchange/http';
import { handlePull, handlePush } from '../../src/lib/server/sync/http';

export const ORIGIN = 'http://yol.test';

export interface Call {
	json?: unknown;
	/**
	 * A raw body, sent as is (malformed JSON, oversize, gzip), as application/json unless
	 * `headers` name another Content-Type.
	 */
	body?: string | Uint8Array<ArrayBuffer>;
	cookie?: string;
	headers?: Record<string, string>;
}

/**
 * The API as src/hooks.server.ts and src/routes/api wire it (the gate first, then the route's
 * handler), on a test store, with a clock the test can move and a client address it can set.
 * tests/integration/routes.spec.ts checks that the real hooks and route files do the same.
 */
export function apiOn(store: Store, options: { bodyLimit?: number } = {}) {
	const clock = { now: new Date('2026-11-23T10:00:00.000Z') };
	let address = '203.0.113.7';

	async function call(method: string, path: string, init: Call = {}): Promise<Response> {
		const url = new URL(path, ORIGIN);
		const headers = new Headers(init.headers);
		if (init.cookie) headers.set('cookie', init.cookie);
		let body = init.body;
		if (init.json !== undefined) body = JSON.stringify(init.json);
		if (body !== undefined && !headers.has('content-type')) {
			headers.set('content-type', 'application/json');
		}
		const request = new Request(url, { method, headers, body });
		const now = clock.now;
		const gate = await gateApi(request, url, store, now);
		if (gate.response) return gate.response;
		const actor = gate.actor;
		const context = { store, now, deviceId: gate.session?.deviceId };
		const route = `${method} ${url.pathname}`;
		const user = /^\/api\/admin\/users\/([^/]+)(\/password|\/revoke)?$/.exec(url.pathname);
		if (route === 'POST /api/auth/login') {
			return handleLogin(request, { store, address, secure: overHttps(request, url), now });
		}
		if (route === 'POST /api/auth/logout') {
			return handleLogout(gate.session, { store, secure: false, now });
		}
		if (route === 'GET /api/auth/me') return handleMe(actor, gate.session);
		if (!actor) throw new Error(`the gate let ${route} through without a session`);
		const bodyLimit = options.bodyLimit ?? 512 * 1024;
		const sync = {
			store,
			bodyLimit,
			actor,
			sessionId: gate.session?.id,
			userAgent: request.headers.get('user-agent')
		};
		if (route === 'POST /api/sync/push') return handlePush(request, sync);
		if (route === 'GET /api/sync/pull') return handlePull(url, sync);
		const devices = /^\/api\/admin\/users\/([^/]+)\/devices(?:\/([^/]+)\/lost)?$/.exec(
			url.pathname
		);
		if (devices) {
			const id = decodeURIComponent(devices[1] ?? '');
			if (method === 'GET' && !devices[2]) return handleListDevices(id, { ...context, actor });
			if (method === 'POST' && devices[2]) {
				const device = decodeURIComponent(devices[2]);
				return handleMarkLost(id, device, request, { ...context, actor });
			}
		}
		if (route === 'GET /api/audit') return handleAudit(url, { ...context, actor });
		if (route === 'GET /api/exchange/mapping') {
			return handleGetMapping({ ...context, actor, bodyLimit });
		}
		if (route === 'PUT /api/exchange/mapping') {
			return handlePutMapping(request, { ...context, actor, bodyLimit });
		}
		if (route === 'GET /api/admin/users') return handleListUsers({ ...context, actor });
		if (route === 'POST /api/admin/users') return handleCreateUser(request, { ...context, actor });
		if (user) {
			const id = decodeURIComponent(user[1] ?? '');
			if (method === 'GET' && !user[2]) return handleGetUser(id, { ...context, actor });
			if (method === 'PATCH' && !user[2]) {
				return handleUpdateUser(id, request, { ...context, actor });
			}
			if (method === 'POST' && user[2] === '/password') {
				return handleResetPassword(id, request, { ...context, actor });
			}
			if (method === 'POST' && user[2] === '/revoke') {
				return handleRevokeUser(id, { ...context, actor });
			}
		}
		throw new Error(`no route ${route}`);
	}

	/** Signs in and returns the Cookie header value for later calls. */
	async function signIn(username: string, password = `${username}-demo`, deviceId?: string) {
		const response = await call('POST', '/api/auth/login', {
			json: { username, password, ...(deviceId ? { deviceId } : {}) }
		});
		if (response.status !== 200) {
			throw new Error(`sign-in as ${username}: ${response.status} ${await response.text()}`);
		}
		const cookie = response.headers.get('set-cookie') ?? '';
		return cookie.split(';')[0] ?? '';
	}

	return {
		call,
		signIn,
		clock,
		setAddress(next: string) {
			address = next;
		}
	};
}

/** A migrated store with the demo accounts (and, with `data`, the demo catalogue and values). */
export async function withAccounts(store: Store): Promise<Store> {
	await migrate(store);
	await seedDemoUsers(store, new Date('2026-11-23T09:00:00.000Z'));
	return store;
}

/** Every row of every table, to prove a refused request changed nothing. */
export async function dumpTables(store: Store, except: readonly string[] = []) {
	const tables =
		store.dialect === 'sqlite'
			? await store.all<{ name: string }>(
					`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`
				)
			: await store.all<{ name: string }>(
					`SELECT table_name AS name FROM information_schema.tables
					WHERE table_schema = current_schema() ORDER BY table_name`
				);
	const dump: Record<string, unknown[]> = {};
	for (const { name } of tables) {
		if (except.includes(name)) continue;
		const rows = await store.all<Record<string, unknown>>(`SELECT * FROM ${name}`);
		dump[name] = rows.map((row) => JSON.stringify(row, Object.keys(row).sort())).sort();
	}
	return dump;
}
