import { expect, it, vi } from 'vitest';
import { SESSION_ENDED } from '../../src/lib/domain/auth';
import { DISABLED, WRONG_CREDENTIALS } from '../../src/lib/server/auth/http';
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from '../../src/lib/server/auth/sessions';
import { THROTTLE } from '../../src/lib/server/auth/throttle';
import { apiOn, withAccounts } from '../factories/api';
import { describeStores } from './stores';

// Argon2id is slow on purpose, and these tests sign in (or fail to) dozens of times.
vi.setConfig({ testTimeout: 60_000 });

const later = (from: Date, ms: number) => new Date(from.getTime() + ms);

describeStores('accounts and sessions', (db) => {
	it('signs in with an httpOnly SameSite cookie, answers me, and signs out server-side', async () => {
		const store = await withAccounts(db().store);
		const api = apiOn(store);
		const login = await api.call('POST', '/api/auth/login', {
			json: { username: 'Coordinator ', password: 'coordinator-demo', deviceId: 'tab-1' }
		});
		expect(login.status).toBe(200);
		const body = (await login.json()) as { actor: Record<string, unknown> };
		expect(body.actor).toEqual({
			userId: 'demo-coordinator',
			username: 'coordinator',
			name: 'Leyla Əliyeva',
			organisation: 'State Migration Service, working group secretariat',
			role: 'coordinator',
			language: 'az',
			locationIds: null
		});
		const setCookie = login.headers.get('set-cookie') ?? '';
		expect(setCookie).toMatch(
			/^yol_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+; Expires=/
		);
		expect(setCookie).not.toContain('Secure');
		const cookie = setCookie.split(';')[0] ?? '';
		// Only the token's hash is stored.
		const token = cookie.split('=')[1] ?? '';
		const stored = await store.all<{ token_hash: string }>('SELECT token_hash FROM sessions');
		expect(stored).toHaveLength(1);
		expect(stored[0]?.token_hash).toMatch(/^[0-9a-f]{64}$/);
		expect(stored[0]?.token_hash).not.toContain(token);

		const me = await api.call('GET', '/api/auth/me', { cookie });
		expect(me.status).toBe(200);
		expect(await me.json()).toMatchObject({ actor: { username: 'coordinator' } });

		const logout = await api.call('POST', '/api/auth/logout', { cookie });
		expect(logout.status).toBe(204);
		expect(logout.headers.get('set-cookie')).toContain('Max-Age=0');
		const after = await api.call('GET', '/api/auth/me', { cookie });
		expect(after.status).toBe(401);
		expect(await after.json()).toEqual({ error: SESSION_ENDED });
	});

	it('marks the cookie Secure when the browser came over https', async () => {
		const api = apiOn(await withAccounts(db().store));
		const login = await api.call('POST', '/api/auth/login', {
			json: { username: 'admin', password: 'admin-demo' },
			headers: { origin: 'https://yol.test' }
		});
		// The gate compares hosts only, so the https origin of this host is same-site.
		expect(login.status).toBe(200);
		expect(login.headers.get('set-cookie')).toMatch(/; Secure$/);
	});

	it('stores passwords as Argon2id hashes', async () => {
		const store = await withAccounts(db().store);
		const rows = await store.all<{ password_hash: string }>('SELECT password_hash FROM users');
		expect(rows).toHaveLength(5); // the five demo accounts
		for (const row of rows)
			expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$/);
	});

	it('answers a wrong password and an unknown user alike, and a disabled user 403', async () => {
		const store = await withAccounts(db().store);
		const api = apiOn(store);
		const wrong = await api.call('POST', '/api/auth/login', {
			json: { username: 'member', password: 'not-the-password' }
		});
		const unknown = await api.call('POST', '/api/auth/login', {
			json: { username: 'nobody', password: 'not-the-password' }
		});
		expect([wrong.status, unknown.status]).toEqual([401, 401]);
		expect(await wrong.json()).toEqual({ error: WRONG_CREDENTIALS });
		expect(await unknown.json()).toEqual({ error: WRONG_CREDENTIALS });

		await store.run('UPDATE users SET disabled = $1 WHERE username = $2', [true, 'member']);
		const disabled = await api.call('POST', '/api/auth/login', {
			json: { username: 'member', password: 'member-demo' }
		});
		expect(disabled.status).toBe(403);
		expect(await disabled.json()).toEqual({ error: DISABLED });
	});

	it('slows one address guessing one account with growing delays, then refuses it with 429 and Retry-After', async () => {
		const api = apiOn(await withAccounts(db().store));
		api.setAddress('192.0.2.66');
		const attempt = (password: string) =>
			api.call('POST', '/api/auth/login', { json: { username: 'caseworker', password } });
		for (let i = 0; i < THROTTLE.freeFailures; i++) {
			expect((await attempt(`guess-number-${i}`)).status).toBe(401);
		}
		// Refused before the password is checked: the right one gets the same 429.
		const refused = await attempt('caseworker-demo');
		expect(refused.status).toBe(429);
		expect(refused.headers.get('retry-after')).toBe('15');
		const body = (await refused.json()) as { error: string; retryAfter: number; retryAt: string };
		expect(body.error).toBe(
			'Too many failed sign-ins to this account from your network. Try again in 15 seconds, ' +
				'after 10:00:15 UTC. If you have forgotten your password, ask an administrator of the ' +
				'working group to set a new one.'
		);
		expect(body.retryAt).toBe('2026-11-23T10:00:15.000Z');

		// Each further failure doubles the wait, up to the cap.
		const waits: number[] = [];
		for (let i = 0; i < 8; i++) {
			const wait = Number((await attempt('caseworker-demo')).headers.get('retry-after'));
			waits.push(wait);
			api.clock.now = later(api.clock.now, wait * 1000 + 1000);
			expect((await attempt(`another-guess-${i}`)).status).toBe(401);
		}
		expect(waits).toEqual([15, 30, 60, 120, 240, 480, 900, 900]);
		const capped = await attempt('caseworker-demo');
		expect(capped.status).toBe(429);
		expect(((await capped.json()) as { error: string }).error).toMatch(
			/^Too many failed sign-ins to this account from your network\. Try again in 15 minutes, after \d\d:\d\d UTC\./
		);

		// After the wait the right password gets through, and clears this address's count.
		api.clock.now = later(api.clock.now, THROTTLE.maxDelayMs + 1000);
		expect((await attempt('caseworker-demo')).status).toBe(200);
		expect((await attempt('one-more-typo')).status).toBe(401);
		expect((await attempt('caseworker-demo')).status).toBe(200);
	});

	it('lets the real user sign in from another address while an attacker is refused', async () => {
		const api = apiOn(await withAccounts(db().store));
		const as = (address: string, password: string) => {
			api.setAddress(address);
			return api.call('POST', '/api/auth/login', { json: { username: 'caseworker', password } });
		};
		for (let i = 0; i < THROTTLE.freeFailures + 3; i++) {
			await as('192.0.2.66', `guess-number-${i}`);
			api.clock.now = later(api.clock.now, 1000);
		}
		expect((await as('192.0.2.66', 'caseworker-demo')).status).toBe(429);
		// The caseworker, at the office: a typo costs nothing more than a typo.
		expect((await as('198.51.100.10', 'caseworker-typo')).status).toBe(401);
		expect((await as('198.51.100.10', 'caseworker-demo')).status).toBe(200);
		// A colleague at the attacker's own address signs in to their own account.
		api.setAddress('192.0.2.66');
		expect(
			(
				await api.call('POST', '/api/auth/login', {
					json: { username: 'member', password: 'member-demo' }
				})
			).status
		).toBe(200);
		expect((await as('192.0.2.66', 'caseworker-demo')).status).toBe(429);
	});

	it('locks an account outright after far more failures, but only for the addresses that failed', async () => {
		const api = apiOn(await withAccounts(db().store));
		const as = (address: string, password: string) => {
			api.setAddress(address);
			return api.call('POST', '/api/auth/login', { json: { username: 'caseworker', password } });
		};
		// Many addresses, one guess each: no single address is slowed, the account's count grows.
		for (let i = 0; i < THROTTLE.accountLockFailures; i++) {
			expect((await as(`10.0.${Math.floor(i / 200)}.${i % 200}`, `guess-${i}`)).status).toBe(401);
		}
		const refused = await as('10.0.0.7', 'caseworker-demo');
		expect(refused.status).toBe(429);
		expect(refused.headers.get('retry-after')).toBe(String(THROTTLE.accountLockMs / 1000));
		expect(((await refused.json()) as { error: string }).error).toMatch(
			/^Too many failed sign-ins to this account\. Try again in 60 minutes, after 11:00 UTC\. If you have forgotten your password/
		);
		// The real user, from an address that has not been failing, gets through.
		expect((await as('198.51.100.10', 'caseworker-demo')).status).toBe(200);
		// A fresh address gets one guess while the lock lasts.
		expect((await as('203.0.113.99', 'guess-from-a-fresh-address')).status).toBe(401);
		expect((await as('203.0.113.99', 'caseworker-demo')).status).toBe(429);
		// The lock ends.
		api.clock.now = later(api.clock.now, THROTTLE.accountLockMs + 1000);
		expect((await as('10.0.0.7', 'caseworker-demo')).status).toBe(200);
	});

	it('refuses one address guessing across many accounts, and no other address', async () => {
		const api = apiOn(await withAccounts(db().store));
		api.setAddress('192.0.2.66');
		for (let i = 0; i < THROTTLE.addressFailures; i++) {
			const response = await api.call('POST', '/api/auth/login', {
				json: { username: `someone-${i}`, password: 'password-guess' }
			});
			expect(response.status).toBe(401);
		}
		const blocked = await api.call('POST', '/api/auth/login', {
			json: { username: 'admin', password: 'admin-demo' }
		});
		expect(blocked.status).toBe(429);
		expect(blocked.headers.get('retry-after')).toBe(String(THROTTLE.addressLockMs / 1000));
		expect(((await blocked.json()) as { error: string }).error).toMatch(
			/^Too many failed sign-ins from your network\./
		);
		api.setAddress('198.51.100.2');
		expect(
			(
				await api.call('POST', '/api/auth/login', {
					json: { username: 'admin', password: 'admin-demo' }
				})
			).status
		).toBe(200);
	});

	it('forgets failures past their window, and keeps the throttle table small', async () => {
		const store = await withAccounts(db().store);
		const api = apiOn(store);
		for (let i = 0; i < THROTTLE.freeFailures; i++) {
			await api.call('POST', '/api/auth/login', {
				json: { username: `nobody-${i}`, password: 'password-guess' }
			});
		}
		expect((await store.all('SELECT key FROM login_throttle')).length).toBe(
			2 * THROTTLE.freeFailures + 1
		);
		api.clock.now = later(api.clock.now, THROTTLE.accountWindowMs + 60_000);
		await api.call('POST', '/api/auth/login', {
			json: { username: 'nobody-else', password: 'password-guess' }
		});
		const keys = await store.all<{ key: string }>('SELECT key FROM login_throttle ORDER BY key');
		expect(keys.map((k) => k.key)).toEqual([
			'addr:203.0.113.7',
			'pair:nobody-else|203.0.113.7',
			'user:nobody-else'
		]);
	});

	it('ends a session after its idle time and after its absolute lifetime', async () => {
		const api = apiOn(await withAccounts(db().store));
		const start = api.clock.now;
		const idle = await api.signIn('member');
		api.clock.now = later(start, SESSION_IDLE_MS + 1000);
		expect((await api.call('GET', '/api/auth/me', { cookie: idle })).status).toBe(401);

		api.clock.now = start;
		const busy = await api.signIn('coordinator');
		// Used every few days, it lives on to its absolute end, then ends.
		for (let day = 3; day * 24 * 3600 * 1000 < SESSION_ABSOLUTE_MS; day += 3) {
			api.clock.now = later(start, day * 24 * 3600 * 1000);
			expect((await api.call('GET', '/api/auth/me', { cookie: busy })).status).toBe(200);
		}
		api.clock.now = later(start, SESSION_ABSOLUTE_MS + 1000);
		const ended = await api.call('GET', '/api/sync/pull?after=0', { cookie: busy });
		expect(ended.status).toBe(401);
		expect(await ended.json()).toEqual({ error: SESSION_ENDED });
	});

	it('stops a disabled user at once, and ends sessions on password reset and on revoke', async () => {
		const store = await withAccounts(db().store);
		const api = apiOn(store);
		const admin = await api.signIn('admin');
		const member = await api.signIn('member');
		const caseworker = await api.signIn('caseworker', 'caseworker-demo', 'tablet-7');
		const coordinator = await api.signIn('coordinator');

		const disable = await api.call('PATCH', '/api/admin/users/demo-member', {
			cookie: admin,
			json: { disabled: true }
		});
		expect(disable.status).toBe(200);
		expect((await api.call('GET', '/api/auth/me', { cookie: member })).status).toBe(401);
		await api.call('PATCH', '/api/admin/users/demo-member', {
			cookie: admin,
			json: { disabled: false }
		});
		// Enabled again, the old session works again: it was never revoked, only refused.
		expect((await api.call('GET', '/api/auth/me', { cookie: member })).status).toBe(200);

		const sessions = await api.call('GET', '/api/admin/users/demo-caseworker', { cookie: admin });
		expect(await sessions.json()).toMatchObject({ sessions: [{ deviceId: 'tablet-7' }] });

		const reset = await api.call('POST', '/api/admin/users/demo-coordinator/password', {
			cookie: admin,
			json: { password: 'a-new-long-password' }
		});
		expect(reset.status).toBe(204);
		expect((await api.call('GET', '/api/auth/me', { cookie: coordinator })).status).toBe(401);
		await api.signIn('coordinator', 'a-new-long-password');

		const revoke = await api.call('POST', '/api/admin/users/demo-caseworker/revoke', {
			cookie: admin
		});
		expect(revoke.status).toBe(204);
		expect((await api.call('GET', '/api/auth/me', { cookie: caseworker })).status).toBe(401);
		const list = (await (await api.call('GET', '/api/admin/users', { cookie: admin })).json()) as {
			users: { username: string; activeSessions: number }[];
		};
		expect(list.users.map((u) => [u.username, u.activeSessions])).toEqual([
			['admin', 1],
			['caseworker', 0],
			['caseworker2', 0],
			['coordinator', 1],
			['member', 1]
		]);
		const audit = await store.all<{ action: string }>(
			`SELECT action FROM audit WHERE entity = 'user' AND user_id = 'demo-admin' ORDER BY id`
		);
		expect(audit.map((a) => a.action)).toEqual(['update', 'update', 'password', 'revoke']);
	});

	it('lets an administrator create a user who can then sign in, and audits it without the hash', async () => {
		const store = await withAccounts(db().store);
		const api = apiOn(store);
		const admin = await api.signIn('admin');
		const created = await api.call('POST', '/api/admin/users', {
			cookie: admin,
			json: {
				username: 'Aysel.Karimova',
				name: 'Aysel Kərimova',
				organisation: 'IOM Azerbaijan',
				role: 'caseworker',
				language: 'az',
				locationIds: ['reg-baku'],
				password: 'long-enough-password'
			}
		});
		expect(created.status).toBe(201);
		const { user } = (await created.json()) as { user: { userId: string; username: string } };
		expect(user.username).toBe('aysel.karimova');
		const cookie = await api.signIn('aysel.karimova', 'long-enough-password');
		expect(await (await api.call('GET', '/api/auth/me', { cookie })).json()).toMatchObject({
			actor: { role: 'caseworker', locationIds: ['reg-baku'] }
		});
		const line = await store.get<{ new_data: string }>(
			`SELECT new_data FROM audit WHERE entity = 'user' AND entity_id = $1`,
			[user.userId]
		);
		expect(line?.new_data).toContain('IOM Azerbaijan');
		expect(line?.new_data).not.toContain('argon2');
	});
});
