import type { Actor } from '$lib/domain/auth';
import { isLanguage, pickLanguage, type Language } from '$lib/domain/languages';
import { LANGUAGE_STORAGE_KEY, userLanguageKey } from '$lib/i18n/persist';
import type { KeyValueStore } from './remembered';

function read(storage: KeyValueStore, key: string): string | null {
	try {
		return storage.getItem(key);
	} catch {
		return null;
	}
}

/**
 * The language the app opens in: the signed-in user's own choice on this device, else the
 * device's last choice, else the browser's language (a session the server told us about on
 * first load counts as signed in, without its preference overriding this device's language).
 */
export function startLanguage(
	storage: KeyValueStore,
	actor: Pick<Actor, 'userId'> | null,
	browserLanguages: readonly string[]
): Language {
	const own = actor ? read(storage, userLanguageKey(actor.userId)) : null;
	return pickLanguage(own ?? read(storage, LANGUAGE_STORAGE_KEY), browserLanguages);
}

/**
 * The language after signing in on the sign-in screen: what this user chose on this device
 * before, else what they picked on the sign-in screen just now, else their preferred language.
 */
export function signInLanguage(
	storage: KeyValueStore,
	actor: Pick<Actor, 'userId' | 'language'>,
	chosenOnScreen: Language | null
): Language {
	const own = read(storage, userLanguageKey(actor.userId));
	if (isLanguage(own)) return own;
	return chosenOnScreen ?? actor.language;
}
