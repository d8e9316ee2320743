import i18next, { type TOptions } from 'i18next';
import { LANGUAGES, type Language } from '$lib/domain/languages';
import { locale } from './locale.svelte';
import { SHELL_NAMESPACES, namespacesFor } from './namespaces';

export { locale } from './locale.svelte';
export { LANGUAGES, type Language } from '$lib/domain/languages';

/**
 * Message files live in the top-level locales/{az,en,ru}/<namespace>.json. Each becomes its own
 * small chunk, fetched when a screen needs it (and precached by the service worker, so that is a
 * local read of a few milliseconds, online or not).
 */
const loaders = import.meta.glob<{ default: Record<string, unknown> }>('/locales/*/*.json');

export const NAMESPACES = [
	...new Set(Object.keys(loaders).map((path) => path.split('/')[3]!.replace(/\.json$/, '')))
];

/** Message files asked for, by "lang/ns", and those already added to i18next. */
const requested = new Map<string, Promise<void>>();
const added = new Set<string>();
/** Namespaces the screens shown so far use: a language switch brings these along first. */
const inUse = new Set<string>(SHELL_NAMESPACES);
/** Namespaces t() found missing and fetched itself (see lateNamespace). */
const late = new Set<string>();
const KNOWN = new Set(NAMESPACES);

function loadBundle(lang: Language, ns: string): Promise<void> {
	const id = `${lang}/${ns}`;
	let pending = requested.get(id);
	if (!pending) {
		const load = loaders[`/locales/${id}.json`];
		pending = load
			? load().then((messages) => {
					i18next.addResourceBundle(lang, ns, messages.default, true, true);
					added.add(id);
				})
			: Promise.resolve();
		// A failed fetch (an old build's chunk gone) may be asked for again later.
		pending.catch(() => requested.delete(id));
		requested.set(id, pending);
	}
	return pending;
}

/** Makes the namespaces ready in the current language before the screen using them renders. */
export async function loadNamespaces(namespaces: readonly string[]): Promise<void> {
	for (const ns of namespaces) inUse.add(ns);
	const lang = locale.current;
	await Promise.all(namespaces.map((ns) => loadBundle(lang, ns)));
}

/** Makes a route's messages (its own and the shell's) ready: awaited before the route renders. */
export function loadRouteNamespaces(routeId: string | null): Promise<void> {
	return loadNamespaces(namespacesFor(routeId, NAMESPACES));
}

let ready: Promise<void> | undefined;

/** Starts i18next in the given language with the messages of the app shell. */
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
		locale.current = lang;
		await loadNamespaces(SHELL_NAMESPACES);
	})();
	return ready;
}

/**
 * Switches the whole interface at once, without a reload: the namespaces in use are loaded in
 * the new language first, so nothing shows a key meanwhile.
 */
export async function setLanguage(lang: Language): Promise<void> {
	await Promise.all([...inUse].map((ns) => loadBundle(lang, ns)));
	await i18next.changeLanguage(lang);
	locale.current = lang;
}

/**
 * A key of a namespace no route list names (a slip the route-namespaces test should have caught):
 * its file is fetched now and the screens re-render when it lands, rather than showing the key
 * for good.
 */
function lateNamespace(lang: Language, ns: string): void {
	const id = `${lang}/${ns}`;
	if (late.has(id) || !KNOWN.has(ns) || !i18next.isInitialized) return;
	late.add(id);
	inUse.add(ns);
	if (!requested.has(id)) console.warn(`i18n: namespace "${ns}" was not loaded before use`);
	loadBundle(lang, ns).then(
		() => (locale.arrivals += 1),
		() => late.delete(id)
	);
}
/**
 * Translates a key ("nav.dashboard" or "areas:housing.name"). Reading locale.current makes
 * every template that calls t() update when the language changes.
 */
export function t(key: string, options?: TOptions): string {
	const lang = locale.current;
	void locale.arrivals;
	const colon = key.indexOf(':');
	const ns = colon > 0 ? key.slice(0, colon) : 'common';
	if (!added.has(`${lang}/${ns}`)) lateNamespace(lang, ns);
	return i18next.t(key, { ...options, lng: lang }) as string;
}
