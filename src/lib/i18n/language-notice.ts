import { isLanguage, type Language } from '$lib/domain/languages';

/**
 * After signing in, the app may open in another language than the sign-in screen's (the
 * account's own, or the one this person chose on this device before). That switch is said
 * once, on the first screen after the reload, with a way back; never silently.
 */
const KEY = 'yol.language-notice';

export interface LanguageChange {
	from: Language;
	to: Language;
}

/** Noted on the sign-in screen just before the reload into the app; nothing when unchanged. */
export function noteLanguageChange(from: Language, to: string | null): void {
	if (!isLanguage(to) || to === from) return;
	try {
		sessionStorage.setItem(KEY, JSON.stringify({ from, to }));
	} catch {
		// Without storage the switch goes unannounced: the language itself still applies.
	}
}

/** The change to announce, given out once (the notice is said, then forgotten). */
export function takeLanguageChange(): LanguageChange | null {
	try {
		const raw = sessionStorage.getItem(KEY);
		sessionStorage.removeItem(KEY);
		const parsed: unknown = raw ? JSON.parse(raw) : null;
		if (typeof parsed !== 'object' || parsed === null) return null;
		const { from, to } = parsed as Record<string, unknown>;
		return isLanguage(from) && isLanguage(to) ? { from, to } : null;
	} catch {
		return null;
	}
}
