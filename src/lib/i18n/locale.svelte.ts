import { DEFAULT_LANGUAGE, type Language } from '$lib/domain/languages';

/** The interface language, as reactive state: templates re-render when it changes. */
class Locale {
	current = $state<Language>(DEFAULT_LANGUAGE);
}

export const locale = new Locale();
