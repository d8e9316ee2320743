/**
 * The security headers of every answer: pages and API (src/hooks.server.ts) and the files
 * adapter-node serves before the hooks run, the built assets, static files and the service
 * worker (scripts/server.js). Plain JavaScript, so the server entry imports it without a build.
 * @type {Readonly<Record<string, string>>}
 */
export const SECURITY_HEADERS = Object.freeze({
	'X-Content-Type-Options': 'nosniff',
	'X-Frame-Options': 'DENY',
	'Referrer-Policy': 'same-origin',
	'Permissions-Policy': 'camera=(), microphone=(), geolocation=()'
});
