import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it, vi } from 'vitest';
import { deleteUserDatabase, localDb, selectLocalDb, userDatabaseName } from '$lib/db/database';
import type { PushRequest, PushResponse } from '$lib/domain/sync/protocol';
import { SessionEndedError, SyncHttpError, type SyncTransport } from '$lib/sync/transport';
import { fetchMe, retryAtFrom, signInRequest } from './api';
import { sessionTransport, type Session } from './session.svelte';

const actor = {
	userId: 'u-ana',
	username: 'ana',
	name: 'Ana',
	organisation: 'SMS',
	role: 'caseworker',
	language: 'az',
	locationIds: ['reg-ganja-dashkasan']
};

function answer(status: number, body?: unknown, headers: Record<string, string> = {}) {
	return vi.fn(
		async () => new Response(body === undefined ? null : JSON.stringify(body), { status, headers })
	) as unknown as typeof fetch;
}

describe('one database per user', () => {
	it('names each user their own database and opens the signed-in one', async () => {
		expect(userDatabaseName('u-ana')).toBe('yol-u-u-ana');
		expect(userDatabaseName('u-bob')).not.toBe(userDatabaseName('u-ana'));
		selectLocalDb(null);
		expect(() => localDb()).toThrow(/No user is signed in/);

		selectLocalDb('u-ana');
		await localDb().meta.put({ key: 'note', value: 'ana was here' });
		selectLocalDb('u-bob');
		expect(localDb().name).toBe('yol-u-u-bob');
		expect(await localDb().meta.get('note')).toBeUndefined();
		selectLocalDb('u-ana');
		expect((await localDb().meta.get('note'))?.value).toBe('ana was here');

		await deleteUserDatabase('u-ana');
		expect(await Dexie.exists(userDatabaseName('u-ana'))).toBe(false);
		expect(() => localDb()).toThrow(/No user is signed in/);
		await deleteUserDatabase('u-bob');
	});
});

describe('signing in through the server', () => {
	it('returns the actor on success', async () => {
		const result = await signInRequest({ username: 'ana', password: 'x' }, answer(200, { actor }));
		expect(result).toEqual({ ok: true, actor });
	});

	it('tells a wrong password, a disabled account, throttling and no connection apart', async () => {
		const wrong = await signInRequest(
			{ username: 'a', password: 'b' },
			answer(401, { error: 'x' })
		);
		expect(wrong).toEqual({ ok: false, failure: { kind: 'wrong' } });
		const disabled = await signInRequest(
			{ username: 'a', password: 'b' },
			answer(403, { error: 'x' })
		);
		expect(disabled).toEqual({ ok: false, failure: { kind: 'disabled' } });
		const throttled = await signInRequest(
			{ username: 'a', password: 'b' },
			answer(429, { error: 'x' }, { 'retry-after': '120' })
		);
		expect(throttled.ok).toBe(false);
		if (!throttled.ok && throttled.failure.kind === 'throttled') {
			expect(throttled.failure.retryAt!.getTime()).toBeGreaterThan(Date.now() + 100_000);
		} else throw new Error('not throttled');
		const offline = await signInRequest({ username: 'a', password: 'b' }, (async () => {
			throw new TypeError('Failed to fetch');
		}) as typeof fetch);
		expect(offline).toEqual({ ok: false, failure: { kind: 'offline' } });
		const invalid = await signInRequest(
			{ username: 'a', password: 'b' },
			answer(400, { error: 'username is too long', field: 'username' })
		);
		expect(invalid).toEqual({
			ok: false,
			failure: { kind: 'invalid', field: 'username', message: 'username is too long' }
		});
	});

	it('reads Retry-After as seconds or as a date', () => {
		const now = new Date('2026-11-23T10:00:00Z');
		expect(retryAtFrom('60', now)?.toISOString()).toBe('2026-11-23T10:01:00.000Z');
		expect(retryAtFrom('Mon, 23 Nov 2026 10:05:00 GMT', now)?.toISOString()).toBe(
			'2026-11-23T10:05:00.000Z'
		);
		expect(retryAtFrom(null, now)).toBeNull();
		expect(retryAtFrom('soon', now)).toBeNull();
	});

	it('asks the server whose session this is', async () => {
		expect(await fetchMe(answer(200, { actor }))).toEqual({ kind: 'actor', actor });
		expect(await fetchMe(answer(401, { error: 'ended' }))).toEqual({ kind: 'signed_out' });
		expect(await fetchMe(answer(502))).toEqual({ kind: 'offline' });
	});
});

function fakeOwner(proven: boolean) {
	const owner = {
		ended: false,
		passwordProven: proven,
		ensure: vi.fn(async () => {
			if (owner.ended) throw new SessionEndedError();
		}),
		markEnded: vi.fn(() => {
			owner.ended = true;
		})
	};
	return owner;
}

const request: PushRequest = { protocol: 1, schema: 1, deviceId: 'dev-old', mutations: [] };
const done: PushResponse = { results: [], lastSeq: 0 };

describe('sync under the session', () => {
	it('marks the session ended on a 401 and then waits for the password', async () => {
		const owner = fakeOwner(false);
		const inner: SyncTransport = {
			push: vi.fn(async () => {
				throw new SessionEndedError();
			}),
			pull: vi.fn()
		};
		const transport = sessionTransport(inner, owner as unknown as Session, vi.fn());
		await expect(transport.push(request)).rejects.toBeInstanceOf(SessionEndedError);
		expect(owner.markEnded).toHaveBeenCalled();
		await expect(transport.pull(0, 10)).rejects.toBeInstanceOf(SessionEndedError);
		expect(inner.pull).not.toHaveBeenCalled();
	});

	it('after the password, sends the changes of a revoked tablet under a new device id', async () => {
		const owner = fakeOwner(true);
		const push = vi.fn(async (r: PushRequest) => {
			if (r.deviceId === 'dev-old') throw new SyncHttpError(403, 'revoked', 'deviceId');
			return done;
		});
		const renew = vi.fn(async () => 'dev-new');
		const transport = sessionTransport({ push, pull: vi.fn() }, owner as unknown as Session, renew);
		expect(await transport.push(request)).toBe(done);
		expect(push).toHaveBeenLastCalledWith({ ...request, deviceId: 'dev-new' });
	});

	it('without the password, a revoked tablet asks for it instead of renewing its id', async () => {
		const owner = fakeOwner(false);
		const renew = vi.fn(async () => 'dev-new');
		const transport = sessionTransport(
			{
				push: vi.fn(async () => {
					throw new SyncHttpError(403, 'revoked', 'deviceId');
				}),
				pull: vi.fn()
			},
			owner as unknown as Session,
			renew
		);
		await expect(transport.push(request)).rejects.toBeInstanceOf(SessionEndedError);
		expect(renew).not.toHaveBeenCalled();
		expect(owner.ended).toBe(true);
	});
});
