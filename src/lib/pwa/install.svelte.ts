/**
 * Installing Yol to the home screen. Chromium grants persistent storage to an installed app,
 * so this is what the first-start note offers a tablet whose browser refused to keep the data.
 * The browser's install offer comes once, early: it is caught when this module loads (with the
 * shell) and kept until someone taps the button.
 */
interface InstallPromptEvent extends Event {
	prompt(): Promise<void>;
	userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

class Install {
	/** The browser's offer, when it made one (Chromium, not yet installed). */
	offer = $state<InstallPromptEvent | null>(null);

	constructor() {
		if (typeof window === 'undefined') return;
		window.addEventListener('beforeinstallprompt', (event) => {
			event.preventDefault(); // shown from our button, not the browser's mini-infobar
			this.offer = event as InstallPromptEvent;
		});
	}

	/** Shows the browser's install dialog; true when the person installed Yol. */
	async prompt(): Promise<boolean> {
		const offer = this.offer;
		if (!offer) return false;
		this.offer = null; // an offer can be shown only once
		await offer.prompt();
		return (await offer.userChoice).outcome === 'accepted';
	}
}

export const install = new Install();
