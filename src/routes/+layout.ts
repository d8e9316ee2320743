import { browser } from '$app/environment';
import { redirect } from '@sveltejs/kit';
import { startLanguage } from '$lib/auth/language';
import { SIGN_IN_PATH, afterSignIn, signInUrl } from '$lib/auth/paths';
import { session } from '$lib/auth/session.svelte';
import { initI18n, loadRouteNamespaces } from '$lib/i18n';

// Yol is an offline-first app shell: every route renders in the browser from local data, so one
// cached shell serves every route offline, including a hard reload.
export const ssr = false;
export const prerender = false;

export async function load({ url, route }) {
	if (!browser) return {};
	// Who is signed in decides whose database the pages open, so it is settled before any page.
	const actor = await session.start();
	await initI18n(startLanguage(localStorage, actor, navigator.languages ?? [navigator.language]));
	const onSignIn = url.pathname === SIGN_IN_PATH;
	if (!actor && !onSignIn) redirect(307, signInUrl(url));
	if (actor && onSignIn) redirect(307, afterSignIn(url));
	// Each route's messages are loaded before it renders (only those: the shell's size budget).
	await loadRouteNamespaces(route.id);
	return {};
}
