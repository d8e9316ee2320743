/**
 * The security headers of every answer: pages and API (src/hooks.server.ts) and the files
 * adapter-node serves before the hooks run, the built assets, static files and the service
 * worker (scripts/server.js). Plain JavaScript, so the server entry and svelte.config.js import
 * it without a build.
 */

/**
 * The Content-Security-Policy of the pages, in kit.csp's form (keywords unquoted). SvelteKit adds
 * the sha256 of its inline start-up script to script-src on every page (svelte.config.js); no
 * 'unsafe-inline' anywhere. Styles come only from the built CSS files (Svelte 5 sets `style:` through
 * the CSSOM, which style-src does not govern), chart.js draws on a canvas, and the exports are
 * Blob downloads (a link's navigation, which no fetch directive governs), so 'self' is all the
 * app needs; data: images are allowed for small inline icons. Nothing comes from another origin.
 * @type {Readonly<Record<string, readonly string[]>>}
 */
export const CSP_DIRECTIVES = Object.freeze({
	'default-src': ['self'],
	'script-src': ['self'],
	'style-src': ['self'],
	// The one style attribute: SvelteKit's own route announcer (its write_root.js), which hides
	// a live region for screen readers; allowed by its hash alone. After a SvelteKit upgrade that
	// changes it, tests/e2e/csp.spec.ts names the new hash.
	'style-src-attr': ['unsafe-hashes', 'sha256-S8qMpvofolR8Mpjy4kQvEm7m1q8clzU4dfDH0AmvZjo='],
	'img-src': ['self', 'data:'],
	'font-src': ['self'],
	'connect-src': ['self'],
	'worker-src': ['self'],
	'manifest-src': ['self'],
	'object-src': ['none'],
	'base-uri': ['self'],
	'form-action': ['self'],
	'frame-ancestors': ['none']
});

const KEYWORDS = new Set(['self', 'none', 'unsafe-hashes']);
const quoted = (/** @type {string} */ v) => KEYWORDS.has(v) || /^sha\d{3}-/.test(v);

/**
 * The same policy as a header value, for every answer that is not a page: the service worker
 * script (its fetches and imports are then held to 'self' too), static files (an SVG opened on
 * its own runs no script) and the API. Pages get SvelteKit's own header, with the hashes.
 */
export const FILE_CSP = Object.entries(CSP_DIRECTIVES)
	.map(([name, values]) => [name, ...values.map((v) => (quoted(v) ? `'${v}'` : v))].join(' '))
	.join('; ');

/** @type {Readonly<Record<string, string>>} */
export const SECURITY_HEADERS = Object.freeze({
	'Content-Security-Policy': FILE_CSP,
	'X-Content-Type-Options': 'nosniff',
	'X-Frame-Options': 'DENY',
	'Referrer-Policy': 'same-origin',
	'Permissions-Policy': 'camera=(), microphone=(), geolocation=()'
});

/**
 * One year, without includeSubDomains: a working group's server often shares its domain with
 * other services that Yol must not force onto https.
 */
export const HSTS = 'max-age=31536000';

/**
 * Whether browsers reach this server over https, on the operator's word only. adapter-node itself
 * speaks plain http and takes every request for https unless told otherwise, so neither its URL
 * nor a client's X-Forwarded-Proto can be believed by default: ORIGIN (the public URL) decides
 * when it is set; else PROTOCOL_HEADER, which an operator sets only when their proxy writes that
 * header (and strips a client's own); else no.
 * @param {Record<string, string | undefined>} env
 * @param {(name: string) => string | null | undefined} header
 * @returns {boolean}
 */
export function servedOverHttps(env, header) {
	const origin = env.ORIGIN?.trim();
	if (origin) return origin.startsWith('https:');
	const name = env.PROTOCOL_HEADER?.trim().toLowerCase();
	if (!name) return false;
	return (header(name) ?? '').split(',')[0]?.trim().toLowerCase() === 'https';
}
