import i18next, { type TOptions } from 'i18next';
import { LANGUAGES, type Language } from '$lib/domain/languages';
import { locale } from './locale.svelte';

export { locale } from './locale.svelte';
export { LANGUAGES, type Language } from '$lib/domain/languages';

/**
 * Message files live in the top-level locales/{az,en,ru}/<namespace>.json. Each becomes its own
 * small chunk, so a language is fetched (and precached by the service worker) on its own.
 */
const loaders = import.meta.glob<{ default: Record<string, unknown> }>('/locales/*/*.json');

export const NAMESPACES = [
	...new Set(Object.keys(loaders).map((path) => path.split('/')[3]!.replace(/\.json$/, '')))
];

const loaded = new Set<Language>();

async function loadLanguage(lang: Language): Promise<void> {
	if (loaded.has(lang)) return;
	await Promise.all(
		NAMESPACES.map(async (ns) => {
			const load = loaders[`/locales/${lang}/${ns}.json`];
			if (!load) return;
			const messages = await load();
			i18next.addResourceBundle(lang, ns, messages.default, true, true);
		})
	);
	loaded.add(lang);
}

let ready: Promise<void> | undefined;

/** Starts i18next in the given language; the other languages load in the background. */
export function initI18n(lang: Language): Promise<void> {
	ready ??= (async () => {
		await i18next.init({
			lng: lang,
			fallbackLng: 'en',
			supportedLngs: [...LANGUAGES],
			ns: NAMESPACES,
			defaultNS: 'common',
			interpolation: { escapeValue: false }, // Svelte escapes on output
			returnNull: false
		});
		await loadLanguage(lang);
		locale.current = lang;
		// The other languages load on a switch: the service worker precaches every message
		// chunk, so that is a local read of a few milliseconds, online or not.
	})();
	return ready;
}

/** Switches the whole interface at once, without a reload. */
export async function setLanguage(lang: Language): Promise<void> {
	await loadLanguage(lang);
	await i18next.changeLanguage(lang);
	locale.current = lang;
}

/**
 * Translates a key ("nav.dashboard" or "areas:housing.name"). Reading locale.current makes
 * every template that calls t() update when the language changes.
 */
export function t(key: string, options?: TOptions): string {
	return i18next.t(key, { ...options, lng: locale.current }) as string;
}
