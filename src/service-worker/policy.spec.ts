import { describe, expect, it } from 'vitest';
import { CACHEABLE_API_PATHS, classify, shellBuild, type RequestFacts } from './policy';

const ORIGIN = 'http://127.0.0.1:4173';
const ASSETS = new Set(['/_app/immutable/entry/start.abc.js', '/icons/icon-192.png']);

function facts(path: string, method = 'GET', mode = 'cors'): RequestFacts {
	return { method, mode, url: new URL(path, ORIGIN) };
}

describe('classify', () => {
	it('sends page loads of any route to the shell strategy', () => {
		for (const path of ['/', '/measures', '/areas/dialogue', '/never/seen?x=1']) {
			expect(classify(facts(path, 'GET', 'navigate'), ORIGIN, '', ASSETS)).toBe('navigation');
		}
	});

	it('serves precached files from the cache, whatever their query string', () => {
		expect(classify(facts('/icons/icon-192.png?v=2'), ORIGIN, '', ASSETS)).toBe('asset');
		expect(classify(facts('/_app/immutable/entry/start.abc.js'), ORIGIN, '', ASSETS)).toBe('asset');
	});

	it('leaves writes to the network, even to precached URLs', () => {
		for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
			expect(classify(facts('/api/values', method), ORIGIN, '', ASSETS)).toBe('network-only');
			expect(classify(facts('/', method, 'navigate'), ORIGIN, '', ASSETS)).toBe('network-only');
			expect(classify(facts('/icons/icon-192.png', method), ORIGIN, '', ASSETS)).toBe(
				'network-only'
			);
		}
	});

	it('caches no API answer unless its path is allow-listed', () => {
		expect(CACHEABLE_API_PATHS).toEqual([]);
		expect(classify(facts('/api/health'), ORIGIN, '', ASSETS)).toBe('network-only');
		// Opening an API URL in the tab (a download) must not get the app shell instead.
		expect(classify(facts('/api/export', 'GET', 'navigate'), ORIGIN, '', ASSETS)).toBe(
			'network-only'
		);
	});

	it('does not mistake routes that merely start with "api" for the API', () => {
		expect(classify(facts('/apiary', 'GET', 'navigate'), ORIGIN, '', ASSETS)).toBe('navigation');
	});

	it('ignores other origins and unknown same-origin files', () => {
		expect(classify(facts('https://tiles.example.org/1/2/3.png'), ORIGIN, '', ASSETS)).toBe(
			'network-only'
		);
		expect(classify(facts('/_app/version.json'), ORIGIN, '', ASSETS)).toBe('network-only');
	});

	it('respects a base path', () => {
		const assets = new Set(['/yol/_app/immutable/a.js']);
		expect(classify(facts('/yol/_app/immutable/a.js'), ORIGIN, '/yol', assets)).toBe('asset');
		expect(classify(facts('/yol/api/health'), ORIGIN, '/yol', assets)).toBe('network-only');
	});
});

describe('shellBuild', () => {
	const shell = (src: string) =>
		`<link rel="modulepreload" href="${src}"><script>import("${src}")</script>`;

	it('accepts a shell that names only files of this build', () => {
		expect(shellBuild(shell('/_app/immutable/entry/start.abc.js'), '', ASSETS)).toBe('this-build');
	});

	it('recognises the next build after a deployment', () => {
		expect(shellBuild(shell('/_app/immutable/entry/start.def.js'), '', ASSETS)).toBe('other-build');
	});

	it('does not take a captive portal page for a shell', () => {
		expect(shellBuild('<html><form action="/login"></form></html>', '', ASSETS)).toBe('unknown');
	});

	it('reads references under a base path', () => {
		const assets = new Set(['/yol/_app/immutable/a.js']);
		expect(shellBuild(shell('/yol/_app/immutable/a.js'), '/yol', assets)).toBe('this-build');
	});
});
