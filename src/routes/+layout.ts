import { browser } from '$app/environment';
import { pickLanguage } from '$lib/domain/languages';
import { initI18n } from '$lib/i18n';
import { LANGUAGE_STORAGE_KEY } from '$lib/i18n/persist';

// Yol is an offline-first app shell: every route renders in the browser from local data, so one
// cached shell serves every route offline, including a hard reload.
export const ssr = false;
export const prerender = false;

export async function load() {
	if (browser) {
		const saved = localStorage.getItem(LANGUAGE_STORAGE_KEY);
		await initI18n(pickLanguage(saved, navigator.languages ?? [navigator.language]));
	}
	return {};
}
