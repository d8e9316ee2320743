/** The three languages Yol speaks, in the order the switcher shows them. */
export const LANGUAGES = ['az', 'en', 'ru'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Azerbaijani is the national language: the answer when nothing else matches. */
export const DEFAULT_LANGUAGE: Language = 'az';

export function isLanguage(value: unknown): value is Language {
	return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * The language to start in: the user's saved choice, else the first of the browser's
 * preferred languages that Yol speaks ("ru-RU" counts as "ru"), else Azerbaijani.
 */
export function pickLanguage(
	saved: string | null | undefined,
	preferred: readonly string[]
): Language {
	if (isLanguage(saved)) return saved;
	for (const tag of preferred) {
		const base = tag.toLowerCase().split('-')[0];
		if (isLanguage(base)) return base;
	}
	return DEFAULT_LANGUAGE;
}
