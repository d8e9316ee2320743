// The production server: adapter-node's own `build/index.js` (its HOST/PORT/SOCKET_PATH, graceful
// shutdown that the store's closing waits for, timeouts, socket activation), with the security
// headers of the pages on every answer. adapter-node serves the built assets, static files and
// the service worker before SvelteKit's hooks run, so hooks.server.ts alone never reaches them.
// `npm start`, the end-to-end and fault tests and the benchmarks all start this file.
import { SECURITY_HEADERS } from '../src/lib/server/http/security-headers.js';

const entry = new URL('../build/index.js', import.meta.url).href;

/** @type {{ server: { server: import('node:http').Server } }} */
const built = await import(entry);

// The first listener of every request, before polka's: headers set here go out with whatever
// answers (sirv's writeHead and SvelteKit's merge them; an answer's own value wins). Nothing can
// be answered before this runs: the import settles before the event loop takes a connection.
built.server.server.prependListener('request', (_request, response) => {
	for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
});
