import * as v from 'valibot';
import { ActorSchema, type Actor } from '$lib/domain/auth';

/**
 * What a device remembers about who uses it, in localStorage (small, synchronous, read before
 * the first screen): the signed-in user, so the app opens offline for them; and the users who
 * have signed in here, so a returning user's sign-in names their own device database.
 * The session itself is the server's httpOnly cookie; nothing secret is kept here.
 */
export const ACTOR_KEY = 'yol.actor';
export const KNOWN_USERS_KEY = 'yol.users';

export type KeyValueStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const KnownUsersSchema = v.record(v.string(), v.string());

function readJson(storage: KeyValueStore, key: string): unknown {
	try {
		const text = storage.getItem(key);
		return text === null ? undefined : JSON.parse(text);
	} catch {
		return undefined;
	}
}

function write(storage: KeyValueStore, key: string, value: unknown): void {
	try {
		storage.setItem(key, JSON.stringify(value));
	} catch {
		// Private mode or a full disk: this visit still works, the next one asks again.
	}
}

/** The user signed in on this device, or null (none, or a stored value that is not an Actor). */
export function readActor(storage: KeyValueStore): Actor | null {
	const parsed = v.safeParse(ActorSchema, readJson(storage, ACTOR_KEY));
	return parsed.success ? parsed.output : null;
}

/** username → userId of everyone who signed in on this device. */
export function knownUsers(storage: KeyValueStore): Record<string, string> {
	const parsed = v.safeParse(KnownUsersSchema, readJson(storage, KNOWN_USERS_KEY));
	return parsed.success ? parsed.output : {};
}

/** The id of a user who signed in here before, found by the name they type. */
export function knownUserId(storage: KeyValueStore, username: string): string | null {
	return knownUsers(storage)[username.trim().toLowerCase()] ?? null;
}

export function rememberActor(storage: KeyValueStore, actor: Actor): void {
	write(storage, ACTOR_KEY, actor);
	write(storage, KNOWN_USERS_KEY, {
		...knownUsers(storage),
		[actor.username.toLowerCase()]: actor.userId
	});
}

/** Signing out: nobody is signed in; the user stays known while their local copy is kept. */
export function forgetActor(storage: KeyValueStore): void {
	try {
		storage.removeItem(ACTOR_KEY);
	} catch {
		// nothing stored, or storage unavailable
	}
}

/** After removing a user's local copy: the device keeps no trace of them. */
export function forgetUser(storage: KeyValueStore, userId: string): void {
	const users = Object.fromEntries(
		Object.entries(knownUsers(storage)).filter(([, id]) => id !== userId)
	);
	write(storage, KNOWN_USERS_KEY, users);
	if (readActor(storage)?.userId === userId) forgetActor(storage);
}
