import { describe, expect, it } from 'vitest';
import type { Actor } from '$lib/domain/auth';
import {
	ACTOR_KEY,
	forgetActor,
	forgetUser,
	knownUserId,
	readActor,
	rememberActor,
	type KeyValueStore
} from './remembered';
import { mayProceed, signOutPlan } from './sign-out';
import { afterSignIn, signInUrl } from './paths';
import { signInLanguage, startLanguage } from './language';
import { userLanguageKey } from '$lib/i18n/persist';

function memoryStorage(): KeyValueStore & { data: Map<string, string> } {
	const data = new Map<string, string>();
	return {
		data,
		getItem: (k) => data.get(k) ?? null,
		setItem: (k, v) => void data.set(k, v),
		removeItem: (k) => void data.delete(k)
	};
}

const ana: Actor = {
	userId: 'u-ana',
	username: 'Ana',
	name: 'Ana Məmmədova',
	organisation: 'SMS',
	role: 'caseworker',
	language: 'ru',
	locationIds: ['reg-ganja-dashkasan']
};
const bob: Actor = { ...ana, userId: 'u-bob', username: 'bob', name: 'Bob', language: 'en' };

describe('the remembered actor', () => {
	it('opens the app for the user signed in last, with nothing stored meaning nobody', () => {
		const storage = memoryStorage();
		expect(readActor(storage)).toBeNull();
		rememberActor(storage, ana);
		expect(readActor(storage)).toEqual(ana);
	});

	it('ignores a stored value that is not an actor (a damaged or hand-edited entry)', () => {
		const storage = memoryStorage();
		storage.setItem(ACTOR_KEY, '{"userId": 5}');
		expect(readActor(storage)).toBeNull();
		storage.setItem(ACTOR_KEY, 'not json');
		expect(readActor(storage)).toBeNull();
	});

	it('keeps a signed-out user known by name, so their device database is found again', () => {
		const storage = memoryStorage();
		rememberActor(storage, ana);
		forgetActor(storage);
		expect(readActor(storage)).toBeNull();
		expect(knownUserId(storage, ' ana ')).toBe('u-ana');
		expect(knownUserId(storage, 'bob')).toBeNull();
	});

	it('forgets a user whose local copy was removed, and only them', () => {
		const storage = memoryStorage();
		rememberActor(storage, ana);
		rememberActor(storage, bob);
		forgetUser(storage, 'u-ana');
		expect(knownUserId(storage, 'ana')).toBeNull();
		expect(knownUserId(storage, 'bob')).toBe('u-bob');
		expect(readActor(storage)).toEqual(bob);
		forgetUser(storage, 'u-bob');
		expect(readActor(storage)).toBeNull();
	});
});

describe('signing out', () => {
	it('with unsynced changes warns with their count and asks to type it before removing', () => {
		const plan = signOutPlan(3);
		expect(plan).toMatchObject({ warn: true, removeLoses: 'changes', confirmPhrase: '3' });
		expect(mayProceed(plan, 'keep')).toBe(true);
		expect(mayProceed(plan, 'remove')).toBe(false);
		expect(mayProceed(plan, 'remove', 'yes')).toBe(false);
		expect(mayProceed(plan, 'remove', ' 3 ')).toBe(true);
	});

	it('after a full sync signs out at once, and may remove the copy without typing', () => {
		const plan = signOutPlan(0);
		expect(plan).toMatchObject({ warn: false, removeLoses: 'nothing', confirmPhrase: null });
		expect(mayProceed(plan, 'keep')).toBe(true);
		expect(mayProceed(plan, 'remove')).toBe(true);
	});
});

describe('the way back after signing in', () => {
	const at = (path: string) => new URL(path, 'http://tablet.local');

	it('remembers the page wanted and returns to it', () => {
		const wanted = signInUrl(at('/areas/labour/L1?location=dist-shaki&period=2024-05'));
		expect(wanted).toBe(
			'/signin?next=%2Fareas%2Flabour%2FL1%3Flocation%3Ddist-shaki%26period%3D2024-05'
		);
		expect(afterSignIn(at(wanted))).toBe('/areas/labour/L1?location=dist-shaki&period=2024-05');
		expect(signInUrl(at('/'))).toBe('/signin');
	});

	it('never leaves the app (another site) nor loops back to the sign-in screen', () => {
		for (const next of [
			'https://evil.example/',
			'//evil.example/x',
			'/\\evil.example',
			'/signin',
			'x'
		]) {
			expect(afterSignIn(at(`/signin?${new URLSearchParams({ next })}`))).toBe('/');
		}
		expect(afterSignIn(at('/signin'))).toBe('/');
	});
});

describe('the language after signing in', () => {
	it("applies the user's preferred language unless they chose one on this device", () => {
		const storage = memoryStorage();
		expect(signInLanguage(storage, ana, null)).toBe('ru');
		expect(signInLanguage(storage, ana, 'en')).toBe('en'); // picked on the sign-in screen
		storage.setItem(userLanguageKey('u-ana'), 'az');
		expect(signInLanguage(storage, ana, 'en')).toBe('az');
	});

	it("opens in the user's own choice, else the device's, else the browser's", () => {
		const storage = memoryStorage();
		expect(startLanguage(storage, ana, ['en-US'])).toBe('en');
		storage.setItem('yol.language', 'ru');
		expect(startLanguage(storage, ana, ['en-US'])).toBe('ru');
		storage.setItem(userLanguageKey('u-ana'), 'az');
		expect(startLanguage(storage, ana, ['en-US'])).toBe('az');
		expect(startLanguage(storage, bob, ['en-US'])).toBe('ru');
		expect(startLanguage(storage, null, ['en-US'])).toBe('ru');
	});
});
