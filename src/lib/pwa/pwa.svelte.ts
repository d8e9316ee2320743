import { unsavedInput } from './unsaved-input';

/** Remembers across reloads that the "ready to work offline" note was shown once. */
const OFFLINE_READY_SHOWN_KEY = 'yol.pwa.offline_ready_shown';

/**
 * How long the page must stay free of unsaved input before an accepted update reloads it: long
 * enough for a form's own save-on-change to reach IndexedDB, and for a caseworker tabbing from
 * one field into the next to start typing again and so keep the page.
 */
const CLEAR_GRACE_MS = 1000;

/** Fields removed from the page send no event; while waiting, look again this often. */
const RECHECK_MS = 2000;

/** If the new worker never takes control (it became redundant), reload anyway after this. */
const TAKEOVER_FALLBACK_MS = 10_000;

/** The app's install and update state, shared by the registration and the prompt. */
class PwaState {
	/** A new version is installed and waits for this page's consent. */
	updateAvailable = $state(false);
	/** The first install just finished: from now on the app opens with no connection. */
	offlineReady = $state(false);
	/** An update was accepted while something typed was unsaved; it goes ahead once saved. */
	waitingForSave = $state(false);

	#activateWaiting: (() => void) | undefined;
	#reloadRequested = false;
	#stopWaiting: (() => void) | undefined;

	/** Called by the registration with the way to activate a waiting worker. */
	connect(activateWaiting: () => void): void {
		this.#activateWaiting = activateWaiting;
	}

	/** Whether this page asked for the update (then the takeover must reload it). */
	get reloadRequested(): boolean {
		return this.#reloadRequested;
	}

	/** A new worker installed and is waiting. */
	updateFound(): void {
		// One message at a time, and the question matters more than the news.
		this.offlineReady = false;
		this.updateAvailable = true;
	}

	/** The very first worker activated: say once that the app now works offline. */
	firstInstallDone(): void {
		try {
			if (localStorage.getItem(OFFLINE_READY_SHOWN_KEY)) return;
			localStorage.setItem(OFFLINE_READY_SHOWN_KEY, new Date().toISOString());
		} catch {
			// Storage can be unavailable (private mode, full); showing the note twice is harmless.
		}
		this.offlineReady = true;
	}

	dismissOfflineReady(): void {
		this.offlineReady = false;
	}

	/** "Reload": activate the new version once nothing typed would be lost. */
	accept(): void {
		this.#reloadRequested = true;
		this.#whenClear(() => {
			const activate = this.#activateWaiting;
			if (activate) activate();
			setTimeout(() => this.takeOver(), TAKEOVER_FALLBACK_MS);
		});
	}

	/** "Later": hide the prompt; the update is offered again on the next start. */
	later(): void {
		this.#cancelWait();
		this.#reloadRequested = false;
		this.updateAvailable = false;
		this.waitingForSave = false;
	}

	/**
	 * The new version now controls this page (also when another tab accepted it). The code
	 * running here is the old one, and the old caches are gone, so reload, but never over
	 * unsaved input.
	 */
	takeOver(): void {
		this.#whenClear(() => location.reload());
	}

	#whenClear(action: () => void): void {
		this.#cancelWait();
		const tracker = unsavedInput();
		if (tracker.isClear()) {
			this.waitingForSave = false;
			action();
			return;
		}

		this.waitingForSave = true;
		let timer: ReturnType<typeof setTimeout> | undefined;
		const fire = () => {
			timer = undefined;
			if (!tracker.isClear()) return;
			this.#cancelWait();
			this.waitingForSave = false;
			action();
		};
		const check = () => {
			if (!tracker.isClear()) {
				clearTimeout(timer);
				timer = undefined;
			} else {
				timer ??= setTimeout(fire, CLEAR_GRACE_MS);
			}
		};
		const unsubscribe = tracker.subscribe(check);
		const poll = setInterval(check, RECHECK_MS);
		this.#stopWaiting = () => {
			unsubscribe();
			clearInterval(poll);
			clearTimeout(timer);
		};
	}

	#cancelWait(): void {
		this.#stopWaiting?.();
		this.#stopWaiting = undefined;
	}
}

export const pwa = new PwaState();
