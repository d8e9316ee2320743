import Dexie from 'dexie';
import {
	LEGACY_DATABASE_NAME,
	YolDatabase,
	deleteUserDatabase,
	selectLocalDb,
	localDb,
	userDatabaseName
} from '$lib/db/database';
import { deviceId, renewDeviceId } from '$lib/db/device';
import type { Actor } from '$lib/domain/auth';
import type { Language } from '$lib/domain/languages';
import { setLanguageOwner, userLanguageKey } from '$lib/i18n/persist';
import {
	OfflineError,
	SessionEndedError,
	SyncHttpError,
	type SyncTransport
} from '$lib/sync/transport';
import { fetchMe, signInRequest, signOutRequest, type SignInResult } from './api';
import { signInLanguage } from './language';
import {
	ACTOR_KEY,
	forgetActor,
	forgetUser,
	knownUserId,
	readActor,
	rememberActor
} from './remembered';

/**
 * Who is signed in on this device, and whether the server still accepts their session.
 * Browser-only state, so one instance for the app (`session`).
 *
 * Signing in or out reloads the app: every page, live query and the sync scheduler then start
 * afresh on the right user's database, and nothing of the previous user stays in memory.
 */
export class Session {
	actor = $state<Actor | null>(null);
	/** The server refused the session (expired, revoked): local work goes on, sync waits. */
	ended = $state(false);
	/**
	 * Whether the user typed their password in this tab since the server last refused this
	 * device (kept across the reload that follows signing in): proof enough to renew a device
	 * id an administrator revoked.
	 */
	get passwordProven(): boolean {
		try {
			return sessionStorage.getItem(PASSWORD_PROVEN_KEY) === this.actor?.userId;
		} catch {
			return false;
		}
	}

	#provePassword(userId: string | null): void {
		try {
			if (userId) sessionStorage.setItem(PASSWORD_PROVEN_KEY, userId);
			else sessionStorage.removeItem(PASSWORD_PROVEN_KEY);
		} catch {
			// Without it, a revoked device asks for the password once more: safe, only slower.
		}
	}

	/** Whether the server confirmed the session in this page's life (once is enough). */
	private confirmed = false;
	private starting: Promise<Actor | null> | undefined;

	/**
	 * Start-up, before the first screen: the user remembered on this device (so the app opens
	 * offline), else the one the server's session cookie names (a first load after signing in
	 * elsewhere in this browser). A remembered user is confirmed with the server in the
	 * background.
	 */
	start(): Promise<Actor | null> {
		this.starting ??= this.#start();
		return this.starting;
	}

	async #start(): Promise<Actor | null> {
		let actor = readActor(localStorage);
		// Signed out while offline: the server's session lives on in the cookie until it hears
		// of it. End it now, and never take that session as a sign-in for whoever comes next.
		if (!actor && signOutPending() && navigator.onLine && (await signOutRequest())) {
			setSignOutPending(false);
		}
		if (!actor && !signOutPending() && navigator.onLine) {
			const me = await fetchMe();
			if (me.kind === 'actor') {
				actor = me.actor;
				rememberActor(localStorage, actor);
				this.confirmed = true;
			}
		}
		// Devices from before accounts only: the code that settles their database loads then.
		if (actor && (await Dexie.exists(LEGACY_DATABASE_NAME).catch(() => false))) {
			const { settleLegacyDatabase } = await import('$lib/db/legacy');
			await settleLegacyDatabase(actor.userId).catch(() => 'kept');
		}
		this.#use(actor);
		if (actor && !this.confirmed) void this.check();
		// Another tab signed in or out: this one follows, rather than show one user's data under
		// another's session.
		window.addEventListener('storage', (event) => {
			if (event.key === ACTOR_KEY) location.reload();
		});
		return actor;
	}

	#use(actor: Actor | null): void {
		this.actor = actor;
		selectLocalDb(actor?.userId ?? null);
		setLanguageOwner(actor?.userId ?? null);
	}

	/** Asks the server whose session this is; a different user counts as ended for this one. */
	async check(): Promise<'ok' | 'ended' | 'offline'> {
		const me = await fetchMe();
		if (me.kind === 'offline') return 'offline';
		const current = this.actor;
		if (me.kind === 'actor' && current && me.actor.userId === current.userId) {
			// Role, scope or name may have changed on the server since the last visit.
			this.actor = me.actor;
			rememberActor(localStorage, me.actor);
			this.confirmed = true;
			this.ended = false;
			return 'ok';
		}
		this.markEnded();
		return 'ended';
	}

	markEnded(): void {
		this.ended = true;
		this.confirmed = false;
	}

	/** For sync: resolves once the server accepts this user's session, else throws. */
	async ensure(): Promise<void> {
		if (this.ended) throw new SessionEndedError();
		if (this.confirmed) return;
		const outcome = await this.check();
		if (outcome === 'offline') throw new OfflineError();
		if (outcome === 'ended') throw new SessionEndedError();
	}

	/**
	 * Signs in from the sign-in screen. A user who signed in here before names their own
	 * device database's id, so the server knows the tablet again.
	 */
	async signIn(
		username: string,
		password: string,
		chosenOnScreen: Language | null
	): Promise<SignInResult> {
		const known = knownUserId(localStorage, username);
		const device = known ? await existingDeviceId(known) : undefined;
		const result = await signInRequest({ username: username.trim(), password, deviceId: device });
		if (!result.ok) return result;
		// The new session's cookie replaced any old one a sign-out offline left behind.
		setSignOutPending(false);
		rememberActor(localStorage, result.actor);
		this.#provePassword(result.actor.userId);
		const language = signInLanguage(localStorage, result.actor, chosenOnScreen);
		try {
			localStorage.setItem(userLanguageKey(result.actor.userId), language);
		} catch {
			// The language still applies for this visit.
		}
		return result;
	}

	/** Signs the same user in again after the session ended; sync may then resume. */
	async reauthenticate(password: string): Promise<SignInResult> {
		const actor = this.actor;
		if (!actor) return { ok: false, failure: { kind: 'wrong' } };
		const result = await signInRequest({
			username: actor.username,
			password,
			deviceId: await deviceId(localDb())
		});
		if (!result.ok) return result;
		if (result.actor.userId !== actor.userId) {
			// Cannot happen with the username fixed; never sync one user's data as another.
			this.markEnded();
			return { ok: false, failure: { kind: 'wrong' } };
		}
		this.actor = result.actor;
		rememberActor(localStorage, result.actor);
		this.#provePassword(result.actor.userId);
		this.confirmed = true;
		this.ended = false;
		return result;
	}

	/**
	 * Ends the session on the server (when reachable) and on this device. `removeCopy` deletes
	 * the user's local database too; the caller has checked the sign-out rules (sign-out.ts).
	 */
	async signOut(removeCopy: boolean): Promise<void> {
		const actor = this.actor;
		setSignOutPending(!(await signOutRequest()));
		forgetActor(localStorage);
		this.#provePassword(null);
		if (actor && removeCopy) {
			await deleteUserDatabase(actor.userId);
			forgetUser(localStorage, actor.userId);
			try {
				localStorage.removeItem(userLanguageKey(actor.userId));
			} catch {
				// nothing stored
			}
		}
		this.#use(null);
	}
}

async function existingDeviceId(userId: string): Promise<string | undefined> {
	const db = new YolDatabase(userDatabaseName(userId));
	try {
		return await deviceId(db);
	} catch {
		return undefined;
	} finally {
		db.close();
	}
}

const PASSWORD_PROVEN_KEY = 'yol.password-proven';
const SIGN_OUT_PENDING_KEY = 'yol.sign-out-pending';

function signOutPending(): boolean {
	try {
		return localStorage.getItem(SIGN_OUT_PENDING_KEY) !== null;
	} catch {
		return false;
	}
}

function setSignOutPending(pending: boolean): void {
	try {
		if (pending) localStorage.setItem(SIGN_OUT_PENDING_KEY, new Date().toISOString());
		else localStorage.removeItem(SIGN_OUT_PENDING_KEY);
	} catch {
		// Storage unavailable: the next load may find the old session; nothing else to do.
	}
}

export const session = new Session();

/** The server's refusal of a device id an administrator revoked (a tablet declared lost). */
function deviceRefused(error: unknown): boolean {
	return error instanceof SyncHttpError && error.status === 403 && error.field === 'deviceId';
}

/**
 * The sync transport under the session: before the first request of a page's life the server
 * confirms whose session this is, and a 401 marks the session ended (the outbox waits).
 */
export function sessionTransport(
	inner: SyncTransport,
	owner: Session = session,
	renewDevice: () => Promise<string> = () => renewDeviceId(localDb())
): SyncTransport {
	async function guarded<T>(call: () => Promise<T>): Promise<T> {
		await owner.ensure();
		try {
			return await call();
		} catch (error) {
			if (error instanceof SessionEndedError) owner.markEnded();
			throw error;
		}
	}
	return {
		push: (request, encoded) =>
			guarded(async () => {
				try {
					// The body the engine encoded (encodePush), not a second JSON.stringify of it.
					return await inner.push(request, encoded);
				} catch (error) {
					if (!deviceRefused(error)) throw error;
					// A revoked tablet: its user signs in with their password, then the pending
					// changes go out under a new device id (the old one stays refused).
					if (!owner.passwordProven) {
						owner.markEnded();
						throw new SessionEndedError();
					}
					return inner.push({ ...request, deviceId: await renewDevice() });
				}
			}),
		pull: (after, limit) => guarded(() => inner.pull(after, limit))
	};
}
