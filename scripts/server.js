// The production server: adapter-node's own `build/index.js` (its HOST/PORT/SOCKET_PATH, graceful
// shutdown that the store's closing waits for, timeouts, socket activation), with the security
// headers of the pages on every answer. adapter-node serves the built assets, static files and
// the service worker before SvelteKit's hooks run, so hooks.server.ts alone never reaches them.
// `npm start`, the end-to-end and fault tests and the benchmarks all start this file.
import {
	HSTS,
	SECURITY_HEADERS,
	servedOverHttps
} from '../src/lib/server/http/security-headers.js';

const entry = new URL('../build/index.js', import.meta.url).href;

/** @type {{ server: { server: import('node:http').Server } }} */
const built = await import(entry);

// The first listener of every request, before polka's: headers set here go out with whatever
// answers (sirv's writeHead and SvelteKit's merge them; an answer's own value wins). Nothing can
// be answered before this runs: the import settles before the event loop takes a connection.
// Pages replace the Content-Security-Policy set here with SvelteKit's own, which adds the hashes.
built.server.server.prependListener('request', (request, response) => {
	for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
	const header = (/** @type {string} */ name) => {
		const value = request.headers[name];
		return Array.isArray(value) ? value[0] : value;
	};
	if (servedOverHttps(process.env, header)) response.setHeader('Strict-Transport-Security', HSTS);
	// A 304 updates the headers the browser stored with the page (RFC 9111, 4.3.4), and
	// SvelteKit's 304 for a page carries only its ETag: a file policy on it would replace the
	// page's own (with its script hash) in the browser's cache, and the next load from there
	// would refuse the start-up script. So a 304 keeps whatever policy was stored.
	const writeHead = response.writeHead;
	/** @type {typeof response.writeHead} */
	const guarded = function (/** @type {number} */ status, /** @type {any[]} */ ...rest) {
		if (status === 304) response.removeHeader('Content-Security-Policy');
		return writeHead.apply(response, /** @type {any} */ ([status, ...rest]));
	};
	response.writeHead = guarded;
});
