import { DEFAULT_LANGUAGE, type Language } from '$lib/domain/languages';

/** The interface language, as reactive state: templates re-render when it changes. */
class Locale {
	current = $state<Language>(DEFAULT_LANGUAGE);
	/** Counts message files that arrived after a screen first asked for one of their keys. */
	arrivals = $state(0);
}

export const locale = new Locale();
