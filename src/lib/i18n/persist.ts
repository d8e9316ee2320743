import type { Language } from '$lib/domain/languages';
import { setLanguage } from '$lib/i18n';

export const LANGUAGE_STORAGE_KEY = 'yol.language';

/** Where one user's own language choice on this device is kept (a tablet is shared). */
export function userLanguageKey(userId: string): string {
	return `${LANGUAGE_STORAGE_KEY}.u.${userId}`;
}

let owner: string | null = null;

/** Whose choice a switch records besides the device's (the signed-in user's), or nobody's. */
export function setLanguageOwner(userId: string | null): void {
	owner = userId;
}

/** Switches the language and remembers it on this device (works offline). */
export async function chooseLanguage(lang: Language): Promise<void> {
	await setLanguage(lang);
	try {
		localStorage.setItem(LANGUAGE_STORAGE_KEY, lang);
		if (owner !== null) localStorage.setItem(userLanguageKey(owner), lang);
	} catch {
		// Private mode or a full disk: the switch still applies for this visit.
	}
}
