import { gzipSync } from 'node:zlib';
import { expect, it, vi } from 'vitest';
import { SESSION_ENDED } from '../../src/lib/domain/auth';
import type { IndicatorValue } from '../../src/lib/domain/indicators';
import { generateDemoValues } from '../../src/lib/domain/seed/demo-values';
import { SEED_LOCATIONS } from '../../src/lib/domain/seed/locations';
import { CLIENT_SCHEMA_VERSION, PROTOCOL_VERSION } from '../../src/lib/domain/sync/protocol';
import { WRONG_CREDENTIALS } from '../../src/lib/server/auth/http';
import { SESSION_ABSOLUTE_MS } from '../../src/lib/server/auth/sessions';
import { THROTTLE } from '../../src/lib/server/auth/throttle';
import type { Store } from '../../src/lib/server/db/store';
import { apiOn, dumpTables, withAccounts, type Call } from '../factories/api';
import { describeStores } from './stores';

/**
 * Hostile input against the request handlers as the hooks and routes wire them: every case is
 * answered with a clear 4xx and a message, and no table changes (a dump of every table before
 * and after is compared). Sign-in failures change only the throttle's own counts, which the
 * comparison leaves out for them and the brute-force case checks.
 */

vi.setConfig({ testTimeout: 120_000 });

const [GANJA, YASAMAL] = ['dist-ganja', 'dist-yasamal'].map((place) => {
	const value = generateDemoValues({
		locations: SEED_LOCATIONS.filter((l) => l.id === place),
		from: '2026-01-01',
		to: '2026-01-31'
	}).find((v) => v.cell === 'total' && v.value !== null);
	if (!value) throw new Error(`no sample at ${place}`);
	return { ...value, comment: '', rev: 0 } as IndicatorValue;
}) as [IndicatorValue, IndicatorValue];

const INJECTIONS = [
	`'; DROP TABLE users; --`,
	`" OR "1"="1`,
	`<script>alert(1)</script>`,
	`<img src=x onerror=alert(1)>`,
	`$1) OR 1=1 --`,
	'../../etc/passwd'
];
const NUL = 'nul\u0000byte';

function pushBody(deviceId: string, mutations: unknown[]) {
	return { protocol: PROTOCOL_VERSION, schema: CLIENT_SCHEMA_VERSION, deviceId, mutations };
}
const putValue = (value: IndicatorValue, seq = 1) => ({
	seq,
	mutationId: `m-${seq}-${value.id}`,
	entity: 'value',
	entityId: value.id,
	op: 'put',
	baseRev: 0,
	changed: ['value'],
	data: value
});

interface Case {
	name: string;
	/** Who calls: a demo username, 'forged', 'replayed', 'expired', 'disabled' or none. */
	as?:
		| 'admin'
		| 'coordinator'
		| 'caseworker'
		| 'member'
		| 'forged'
		| 'replayed'
		| 'expired'
		| 'disabled';
	method: string;
	path: string;
	call?: Call;
	status: number;
	/** The error message, or a pattern it must match. */
	error: string | RegExp;
	field?: string;
	/** Tables a refused request may still change (sign-in failures count in login_throttle). */
	changes?: string[];
}

const LOGIN = '/api/auth/login';
const PUSH = '/api/sync/push';
const PULL = '/api/sync/pull';
const USERS = '/api/admin/users';
const VERSIONS = `protocol=${PROTOCOL_VERSION}&schema=${CLIENT_SCHEMA_VERSION}`;

/** A push whose value carries a list nested 100,000 levels deep (about 200 KB). */
const deepPush = () => {
	const text = JSON.stringify(pushBody('coordinator-tablet', [putValue(GANJA, 3)]));
	const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
	return text.replace('"value":', `"deep":${deep},"value":`);
};
const gzipped = (text: string) => new Uint8Array(gzipSync(text));
/** 8 KB of gzip that inflates to 16 MB of spaces inside a JSON object. */
const GZIP_BOMB = gzipped(`{"protocol": 1,${' '.repeat(16 * 1024 * 1024)}}`);
/** A valid push gzipped, with bytes in its middle overwritten. */
const corruptGzip = () => {
	const bytes = gzipped(JSON.stringify(pushBody('coordinator-tablet', [putValue(GANJA, 3)])));
	bytes.fill(0x41, 20, 60);
	return bytes;
};

const validUser = {
	username: 'new.person',
	name: 'Rəşad Babayev',
	organisation: 'Ombudsman’s office',
	role: 'member',
	language: 'az',
	locationIds: null,
	password: 'long-enough-password'
};

const CASES: Case[] = [
	// Sign-in
	{
		name: 'login: malformed JSON',
		method: 'POST',
		path: LOGIN,
		call: { body: '{"username": "admin",' },
		status: 400,
		error: 'The request body is not valid JSON.'
	},
	{
		name: 'login: body is an array',
		method: 'POST',
		path: LOGIN,
		call: { json: ['admin', 'admin-demo'] },
		status: 400,
		error: /object/i
	},
	{
		name: 'login: username is a number',
		method: 'POST',
		path: LOGIN,
		call: { json: { username: 42, password: 'x' } },
		status: 400,
		error: /username must be text/,
		field: 'username'
	},
	{
		name: 'login: password missing',
		method: 'POST',
		path: LOGIN,
		call: { json: { username: 'admin' } },
		status: 400,
		error: /password/,
		field: 'password'
	},
	{
		name: 'login: oversize body',
		method: 'POST',
		path: LOGIN,
		call: { body: JSON.stringify({ username: 'admin', password: 'x'.repeat(100_000) }) },
		status: 413,
		error: /larger than/
	},
	{
		name: 'login: password too long to be one',
		method: 'POST',
		path: LOGIN,
		call: { json: { username: 'admin', password: 'x'.repeat(5000) } },
		status: 400,
		error: /password is too long/,
		field: 'password'
	},
	...INJECTIONS.slice(0, 3).map<Case>((text) => ({
		name: `login: injection in username ${text}`,
		method: 'POST',
		path: LOGIN,
		call: { json: { username: text, password: 'admin-demo' } },
		status: 401,
		error: WRONG_CREDENTIALS,
		changes: ['login_throttle']
	})),
	{
		name: 'login: injection in password',
		method: 'POST',
		path: LOGIN,
		call: { json: { username: 'admin', password: `' OR '1'='1` } },
		status: 401,
		error: WRONG_CREDENTIALS,
		changes: ['login_throttle']
	},
	{
		name: 'login: sent as text/plain',
		method: 'POST',
		path: LOGIN,
		call: {
			json: { username: 'admin', password: 'admin-demo' },
			headers: { 'content-type': 'text/plain;charset=UTF-8' }
		},
		status: 415,
		error: /application\/json/
	},
	{
		name: 'login: sent as a form',
		method: 'POST',
		path: LOGIN,
		call: {
			body: 'username=admin&password=admin-demo',
			headers: { 'content-type': 'application/x-www-form-urlencoded' }
		},
		status: 415,
		error: /application\/json/
	},
	{
		name: 'login: nested 100,000 levels deep',
		method: 'POST',
		path: LOGIN,
		call: { body: `{"username":${'['.repeat(100_000)}${']'.repeat(100_000)}}` },
		status: 413,
		error: /larger than/
	},
	{
		name: 'login: nested 40 levels deep',
		method: 'POST',
		path: LOGIN,
		call: { body: `{"username":${'{"a":'.repeat(40)}1${'}'.repeat(40)}}` },
		status: 400,
		error: /more than 32 levels/
	},
	{
		name: 'login: injection in deviceId',
		method: 'POST',
		path: LOGIN,
		call: { json: { username: 'admin', password: 'admin-demo', deviceId: INJECTIONS[0] } },
		status: 400,
		error: /deviceId/,
		field: 'deviceId'
	},
	{
		name: 'login: cross-origin POST',
		method: 'POST',
		path: LOGIN,
		call: {
			json: { username: 'admin', password: 'admin-demo' },
			headers: { origin: 'https://evil.example' }
		},
		status: 403,
		error: 'Requests from other sites are refused.'
	},

	// Sessions
	{
		name: 'push without a session',
		method: 'POST',
		path: PUSH,
		call: { json: pushBody('dev-x', [putValue(GANJA)]) },
		status: 401,
		error: SESSION_ENDED
	},
	{
		name: 'pull without a session',
		method: 'GET',
		path: `${PULL}?after=0&${VERSIONS}`,
		status: 401,
		error: SESSION_ENDED
	},
	{
		name: 'push with a forged session cookie',
		as: 'forged',
		method: 'POST',
		path: PUSH,
		call: { json: pushBody('dev-x', [putValue(GANJA)]) },
		status: 401,
		error: SESSION_ENDED
	},
	{
		name: 'push with a session cookie replayed after sign-out',
		as: 'replayed',
		method: 'POST',
		path: PUSH,
		call: { json: pushBody('dev-x', [putValue(GANJA)]) },
		status: 401,
		error: SESSION_ENDED
	},
	{
		name: 'pull with an expired session',
		as: 'expired',
		method: 'GET',
		path: `${PULL}?after=0&${VERSIONS}`,
		status: 401,
		error: SESSION_ENDED
	},
	{
		name: 'push with a disabled user’s session',
		as: 'disabled',
		method: 'POST',
		path: PUSH,
		call: { json: pushBody('dev-x', [putValue(GANJA)]) },
		status: 401,
		error: SESSION_ENDED
	},
	{
		name: 'admin list with a forged cookie',
		as: 'forged',
		method: 'GET',
		path: USERS,
		status: 401,
		error: SESSION_ENDED
	},

	// Cross-site
	{
		name: 'push from another origin',
		as: 'coordinator',
		method: 'POST',
		path: PUSH,
		call: {
			json: pushBody('dev-c', [putValue(GANJA)]),
			headers: { origin: 'https://evil.example' }
		},
		status: 403,
		error: 'Requests from other sites are refused.'
	},
	{
		name: 'push marked Sec-Fetch-Site: cross-site',
		as: 'coordinator',
		method: 'POST',
		path: PUSH,
		call: {
			json: pushBody('dev-c', [putValue(GANJA)]),
			headers: { 'sec-fetch-site': 'cross-site' }
		},
		status: 403,
		error: 'Requests from other sites are refused.'
	},
	{
		name: 'admin create from origin "null"',
		as: 'admin',
		method: 'POST',
		path: USERS,
		call: { json: validUser, headers: { origin: 'null' } },
		status: 403,
		error: 'Requests from other sites are refused.'
	},

	// Sync shapes
	{
		name: 'push: malformed JSON',
		as: 'coordinator',
		method: 'POST',
		path: PUSH,
		call: { body: '{"mutations": [' },
		status: 400,
		error: 'The request body is not valid JSON.'
	},
	{
		name: 'push: mutations is not a list',
		as: 'coordinator',
		method: 'POST',
		path: PUSH,
		call: { json: { ...pushBody('dev-c', []), mutations: 'all' } },
		status: 400,
		error: /mutations/,
		field: 'mutations'
	},
	{
		name: 'push: oversize body',
		as: 'coordinator',
		method: 'POST',
		path: PUSH,
		call: { body: 'x'.repeat(600 * 1024) },
		status: 413,
		error: /larger than/
	},
	{
		name: 'push: nested 100,000 levels deep',
		as: 'coordinator',
		method: 'POST',
		path: PUSH,
		call: { body: deepPush() },
		status: 400,
		error: /nests objects or lists more than 32 levels/
	},
	{
		name: 'push: sent as text/plain',
		as: 'coordinator',
		method: 'POST',
		path: PUSH,
		call: {
			json: pushBody('coordinator-tablet', [putValue(GANJA, 3)]),
			headers: { 'content-type': 'text/plain' }
		},
		status: 415,
		error: /Content-Type: application\/json \(this request said text\/plain\)/
	},
	{
		name: 'push: JSON in another charset',
		as: 'coordinator',
		method: 'POST',
		path: PUSH,
		call: {
			json: pushBody('coordinator-tablet', [putValue(GANJA, 3)]),
			headers: { 'content-type': 'application/json; charset=iso-8859-1' }
		},
		status: 415,
		error: /UTF-8/
	},
	{
		name: 'push: a content encoding the server does not read',
		as: 'coordinator',
		method: 'POST',
		path: PUSH,
		call: {
			body: gzipped(JSON.stringify(pushBody('coordinator-tablet', [putValue(GANJA, 3)]))),
			headers: { 'content-type': 'application/json', 'content-encoding': 'br' }
		},
		status: 415,
		error: /encoded as br: send it plain, or gzipped/
	},
	{
		name: 'push: a gzip bomb',
		as: 'coordinator',
		method: 'POST',
		path: PUSH,
		call: {
			body: GZIP_BOMB,
			headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }
		},
		status: 413,
		error: /larger than/
	},
	{
		name: 'push: corrupted gzip',
		as: 'coordinator',
		method: 'POST',
		path: PUSH,
		call: {
			body: corruptGzip(),
			headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }
		},
		status: 400,
		error: 'The request body says Content-Encoding: gzip but is not valid gzip.'
	},
	{
		name: 'push: gzip that is plain JSON',
		as: 'coordinator',
		method: 'POST',
		path: PUSH,
		call: {
			json: pushBody('coordinator-tablet', [putValue(GANJA, 3)]),
			headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }
		},
		status: 400,
		error: /not valid gzip/
	},
	{
		name: 'push: injection as device id',
		as: 'coordinator',
		method: 'POST',
		path: PUSH,
		call: { json: pushBody(INJECTIONS[0] ?? '', [putValue(GANJA)]) },
		status: 400,
		error: /deviceId/,
		field: 'deviceId'
	},
	{
		name: 'push: another user’s device id',
		as: 'caseworker',
		method: 'POST',
		path: PUSH,
		call: { json: pushBody('coordinator-tablet', [putValue(GANJA)]) },
		status: 403,
		error: /belongs to another user/,
		field: 'deviceId'
	},
	{
		name: 'pull: negative cursor',
		as: 'caseworker',
		method: 'GET',
		path: `${PULL}?after=-1&${VERSIONS}`,
		status: 400,
		error: /after/,
		field: 'after'
	},
	{
		name: 'pull: injection as limit',
		as: 'caseworker',
		method: 'GET',
		path: `${PULL}?after=0&limit=${encodeURIComponent('1; DROP TABLE records')}&${VERSIONS}`,
		status: 400,
		error: /limit/,
		field: 'limit'
	},

	// Other people's records and accounts
	{
		name: 'audit of a value outside the caseworker’s places',
		as: 'caseworker',
		method: 'GET',
		path: `/api/audit?entity=value&id=${encodeURIComponent(YASAMAL.id)}`,
		status: 404,
		error: 'There is no such record you may see.'
	},
	{
		name: 'audit of another user’s account',
		as: 'caseworker',
		method: 'GET',
		path: '/api/audit?entity=user&id=demo-admin',
		status: 404,
		error: 'There is no such record you may see.'
	},
	{
		name: 'audit: injection as entity',
		as: 'coordinator',
		method: 'GET',
		path: `/api/audit?entity=${encodeURIComponent(INJECTIONS[0] ?? '')}&id=x`,
		status: 400,
		error: /entity/,
		field: 'entity'
	},
	{
		name: 'audit: unknown entity',
		as: 'coordinator',
		method: 'GET',
		path: '/api/audit?entity=secrets&id=x',
		status: 400,
		error: /there is no kind secrets/,
		field: 'entity'
	},
	{
		name: 'admin list as coordinator',
		as: 'coordinator',
		method: 'GET',
		path: USERS,
		status: 403,
		error: /needs the role admin/
	},
	{
		name: 'admin create as caseworker',
		as: 'caseworker',
		method: 'POST',
		path: USERS,
		call: { json: { ...validUser, role: 'admin' } },
		status: 403,
		error: /needs the role admin/
	},
	{
		name: 'password reset of another user as member',
		as: 'member',
		method: 'POST',
		path: `${USERS}/demo-admin/password`,
		call: { json: { password: 'taken-over-now' } },
		status: 403,
		error: /needs the role admin/
	},
	{
		name: 'revoke as coordinator',
		as: 'coordinator',
		method: 'POST',
		path: `${USERS}/demo-admin/revoke`,
		status: 403,
		error: /needs the role admin/
	},
	{
		name: 'caseworker widening their own scope',
		as: 'caseworker',
		method: 'PATCH',
		path: `${USERS}/demo-caseworker`,
		call: { json: { locationIds: null } },
		status: 403,
		error: /needs the role admin/
	},

	// Admin bodies
	{
		name: 'create: password too short',
		as: 'admin',
		method: 'POST',
		path: USERS,
		call: { json: { ...validUser, password: 'short' } },
		status: 400,
		error: 'password must be at least 10 characters',
		field: 'password'
	},
	{
		name: 'create: unknown role',
		as: 'admin',
		method: 'POST',
		path: USERS,
		call: { json: { ...validUser, role: 'superuser' } },
		status: 400,
		error: /role must be one of/,
		field: 'role'
	},
	...INJECTIONS.slice(0, 5).map<Case>((text) => ({
		name: `create: injection as username ${text}`,
		as: 'admin',
		method: 'POST',
		path: USERS,
		call: { json: { ...validUser, username: text } },
		status: 400,
		error: /username must be/,
		field: 'username'
	})),
	{
		name: 'create: injection as place id',
		as: 'admin',
		method: 'POST',
		path: USERS,
		call: { json: { ...validUser, locationIds: [INJECTIONS[4]] } },
		status: 400,
		error: /locationIds/,
		field: 'locationIds.0'
	},
	{
		name: 'create: unknown place',
		as: 'admin',
		method: 'POST',
		path: USERS,
		call: { json: { ...validUser, locationIds: ['reg-atlantis'] } },
		status: 400,
		error: 'locationIds: there is no place reg-atlantis',
		field: 'locationIds'
	},
	{
		name: 'create: username taken',
		as: 'admin',
		method: 'POST',
		path: USERS,
		call: { json: { ...validUser, username: 'COORDINATOR' } },
		status: 409,
		error: 'username: coordinator is already taken',
		field: 'username'
	},
	{
		name: 'create: name is an object',
		as: 'admin',
		method: 'POST',
		path: USERS,
		call: { json: { ...validUser, name: { $ne: null } } },
		status: 400,
		error: /name must be text/,
		field: 'name'
	},
	{
		name: 'create: oversize body',
		as: 'admin',
		method: 'POST',
		path: USERS,
		call: { json: { ...validUser, name: 'x'.repeat(20_000) } },
		status: 413,
		error: /larger than/
	},
	{
		name: 'create: sent as text/plain',
		as: 'admin',
		method: 'POST',
		path: USERS,
		call: { json: validUser, headers: { 'content-type': 'text/plain' } },
		status: 415,
		error: /application\/json/
	},
	{
		name: 'update: sent as text/plain',
		as: 'admin',
		method: 'PATCH',
		path: `${USERS}/demo-member`,
		call: { json: { name: 'x' }, headers: { 'content-type': 'text/plain' } },
		status: 415,
		error: /application\/json/
	},
	{
		name: 'reset: sent with no Content-Type',
		as: 'admin',
		method: 'POST',
		path: `${USERS}/demo-member/password`,
		call: { body: '{"password":"long-enough-password"}', headers: { 'content-type': '' } },
		status: 415,
		error: /this request named none/
	},
	{
		name: 'update: a password through PATCH',
		as: 'admin',
		method: 'PATCH',
		path: `${USERS}/demo-member`,
		call: { json: { password: 'sneaky-new-password' } },
		status: 400,
		error: /only name, organisation/
	},
	{
		name: 'update: disabled as text',
		as: 'admin',
		method: 'PATCH',
		path: `${USERS}/demo-member`,
		call: { json: { disabled: 'yes' } },
		status: 400,
		error: /disabled must be true or false/,
		field: 'disabled'
	},
	{
		name: 'update: nothing to change',
		as: 'admin',
		method: 'PATCH',
		path: `${USERS}/demo-member`,
		call: { json: {} },
		status: 400,
		error: 'nothing to change'
	},
	{
		name: 'update: disabling oneself',
		as: 'admin',
		method: 'PATCH',
		path: `${USERS}/demo-admin`,
		call: { json: { disabled: true } },
		status: 400,
		error: /cannot disable your own account/,
		field: 'disabled'
	},
	{
		name: 'update: injection as user id',
		as: 'admin',
		method: 'PATCH',
		path: `${USERS}/${encodeURIComponent(INJECTIONS[0] ?? '')}`,
		call: { json: { name: 'x' } },
		status: 404,
		error: 'There is no such user.'
	},
	{
		name: 'reset: password too short',
		as: 'admin',
		method: 'POST',
		path: `${USERS}/demo-member/password`,
		call: { json: { password: '123456789' } },
		status: 400,
		error: 'password must be at least 10 characters',
		field: 'password'
	},
	{
		name: 'revoke: no such user',
		as: 'admin',
		method: 'POST',
		path: `${USERS}/nobody-here/revoke`,
		status: 404,
		error: 'There is no such user.'
	}
];

describeStores('hostile input', (db) => {
	/** The demo accounts, two values, a device of the coordinator's, and cookies for each case. */
	async function setUp(store: Store) {
		await withAccounts(store);
		const api = apiOn(store);
		const cookies: Record<string, string> = {};
		for (const who of ['admin', 'coordinator', 'caseworker', 'member'] as const) {
			cookies[who] = await api.signIn(who);
		}
		const pushed = await api.call('POST', PUSH, {
			cookie: cookies.coordinator,
			json: pushBody('coordinator-tablet', [putValue(GANJA, 1), putValue(YASAMAL, 2)])
		});
		expect(pushed.status).toBe(200);
		cookies.forged = `yol_session=${'A'.repeat(43)}`;
		cookies.replayed = await api.signIn('coordinator');
		expect((await api.call('POST', '/api/auth/logout', { cookie: cookies.replayed })).status).toBe(
			204
		);
		const created = await api.call('POST', USERS, {
			cookie: cookies.admin,
			json: { ...validUser, username: 'soon.disabled' }
		});
		expect(created.status).toBe(201);
		cookies.disabled = await api.signIn('soon.disabled', validUser.password);
		await store.run(`UPDATE users SET disabled = $1 WHERE username = 'soon.disabled'`, [true]);
		cookies.expired = cookies.caseworker ?? '';
		return { api, cookies };
	}

	it(`answers ${CASES.length} hostile requests with a clear 4xx and changes nothing`, async () => {
		expect(CASES.length).toBeGreaterThanOrEqual(30);
		const store = db().store;
		const { api, cookies } = await setUp(store);
		const start = api.clock.now;
		for (const c of CASES) {
			api.clock.now =
				c.as === 'expired' ? new Date(start.getTime() + SESSION_ABSOLUTE_MS + 1) : start;
			// A fresh address per case, so the sign-in cases do not throttle each other.
			api.setAddress(`198.51.100.${CASES.indexOf(c) + 1}`);
			const before = await dumpTables(store, c.changes);
			const response = await api.call(c.method, c.path, {
				...c.call,
				cookie: c.as ? cookies[c.as] : undefined
			});
			const body = (await response.json()) as { error?: unknown; field?: unknown };
			expect(response.status, c.name).toBe(c.status);
			expect(typeof body.error, c.name).toBe('string');
			if (typeof c.error === 'string') expect(body.error, c.name).toBe(c.error);
			else expect(body.error, c.name).toMatch(c.error);
			if (c.field) expect(body.field, c.name).toBe(c.field);
			expect(response.headers.get('cache-control'), c.name).toBe('no-store');
			expect(await dumpTables(store, c.changes), c.name).toEqual(before);
		}
		// The injection strings never reached a table as SQL: every table is still there.
		expect(Object.keys(await dumpTables(store))).toEqual(
			expect.arrayContaining(['users', 'sessions', 'records', 'audit', 'devices'])
		);
	});

	it('brute force: locked after a few guesses, the right password included, the rest unchanged', async () => {
		const store = db().store;
		const { api } = await setUp(store);
		const before = await dumpTables(store, ['login_throttle']);
		const statuses: number[] = [];
		for (let i = 0; i < THROTTLE.freeFailures + 3; i++) {
			const password = i === THROTTLE.freeFailures + 1 ? 'admin-demo' : `guess-${i}-password`;
			const response = await api.call('POST', LOGIN, { json: { username: 'admin', password } });
			statuses.push(response.status);
			if (response.status === 429) {
				expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
				expect(((await response.json()) as { error: string }).error).toMatch(
					/^Too many failed sign-ins to this account from your network\. Try again in \d+ (seconds|minutes?),/
				);
			}
		}
		expect(statuses).toEqual([...Array<number>(THROTTLE.freeFailures).fill(401), 429, 429, 429]);
		expect(await dumpTables(store, ['login_throttle'])).toEqual(before);
	});

	it('stores injection strings in free-text fields as plain text, and answers them as JSON', async () => {
		const store = db().store;
		const { api, cookies } = await setUp(store);
		for (const [i, text] of INJECTIONS.entries()) {
			const response = await api.call('POST', USERS, {
				cookie: cookies.admin,
				json: { ...validUser, username: `person-${i}`, name: `${text} name`, organisation: text }
			});
			expect(response.status, text).toBe(201);
			expect(response.headers.get('content-type')).toContain('application/json');
			const { user } = (await response.json()) as { user: { name: string; organisation: string } };
			expect(user).toMatchObject({ name: `${text} name`.trim(), organisation: text.trim() });
		}
		const stored = await store.all<{ organisation: string }>(
			`SELECT organisation FROM users WHERE username LIKE 'person-%' ORDER BY username`
		);
		expect(stored.map((r) => r.organisation)).toEqual(INJECTIONS.map((t) => t.trim()));
		// A comment with script in it is stored as text by a push, too.
		const pushed = await api.call('POST', PUSH, {
			cookie: cookies.coordinator,
			json: pushBody('coordinator-tablet', [
				{
					...putValue({ ...GANJA, comment: INJECTIONS[2] ?? '' }, 3),
					baseRev: 1,
					changed: ['comment']
				}
			])
		});
		expect(
			((await pushed.json()) as { results: { outcome: string }[] }).results[0]?.outcome
		).toMatch(/applied|merged/);
		// The five demo accounts, new.person made above, and one per injection string.
		expect(await store.get(`SELECT count(*) AS n FROM users`)).toEqual({
			n: 5 + 1 + INJECTIONS.length
		});
		// NUL cannot be stored (PostgreSQL refuses it): the change is rejected with the reason.
		const nul = await api.call('POST', PUSH, {
			cookie: cookies.coordinator,
			json: pushBody('coordinator-tablet', [
				{ ...putValue({ ...GANJA, comment: NUL }, 4), baseRev: 1, changed: ['comment'] }
			])
		});
		expect(await nul.json()).toMatchObject({
			results: [{ outcome: 'rejected', reason: 'data: text must not contain the NUL character' }]
		});
	});
});
