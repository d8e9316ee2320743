import type { Language } from '$lib/domain/languages';
import { setLanguage } from '$lib/i18n';

export const LANGUAGE_STORAGE_KEY = 'yol.language';

/** Switches the language and remembers it on this device (works offline). */
export async function chooseLanguage(lang: Language): Promise<void> {
	await setLanguage(lang);
	try {
		localStorage.setItem(LANGUAGE_STORAGE_KEY, lang);
	} catch {
		// Private mode or a full disk: the switch still applies for this visit.
	}
}
