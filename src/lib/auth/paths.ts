export const SIGN_IN_PATH = '/signin';

/** The sign-in screen, remembering the page the person wanted. */
export function signInUrl(wanted: URL): string {
	const next = wanted.pathname + wanted.search;
	return next === '/' ? SIGN_IN_PATH : `${SIGN_IN_PATH}?${new URLSearchParams({ next })}`;
}

/**
 * Where to go after signing in: the page asked for, if it is one of this app's own pages
 * (never another site, never the sign-in screen again), else the start page.
 */
export function afterSignIn(url: URL): string {
	const next = url.searchParams.get('next');
	if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
	if (next === SIGN_IN_PATH || next.startsWith(`${SIGN_IN_PATH}?`)) return '/';
	return next;
}
