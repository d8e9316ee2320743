// `npm start`: builds when the sources are newer than the build, then serves Yol with the
// embedded SQLite store (migrated and, on first start, filled with demo data).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const BUILD_ENTRY = 'build/index.js';
const SOURCES = ['src', 'locales', 'static', 'package.json', 'svelte.config.js', 'vite.config.ts'];

/** @param {string} path @returns {number} */
function newestChange(path) {
	if (!existsSync(path)) return 0;
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	let newest = stat.mtimeMs;
	for (const entry of readdirSync(path)) newest = Math.max(newest, newestChange(join(path, entry)));
	return newest;
}

const built = existsSync(BUILD_ENTRY) ? statSync(BUILD_ENTRY).mtimeMs : 0;
if (built < Math.max(...SOURCES.map(newestChange))) {
	console.log(built ? 'Yol: sources changed, rebuilding…' : 'Yol: first start, building the app…');
	const result = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build'], {
		stdio: ['ignore', 'pipe', 'pipe'],
		encoding: 'utf8'
	});
	if (result.status !== 0) {
		console.error(result.stdout, result.stderr);
		console.error('Yol: the build failed (see above); nothing was started.');
		process.exit(result.status ?? 1);
	}
}

process.env.PORT ??= '3000';
process.env.HOST ??= '0.0.0.0';
process.env.YOL_DEMO ??= '1';

// The build behind the production entry, which adds the security headers to static files.
await import('./server.js');

const shown = process.env.HOST === '0.0.0.0' ? 'localhost' : process.env.HOST;
console.log(`\nYol is running at http://${shown}:${process.env.PORT}  (Ctrl+C stops it)`);
if (process.env.YOL_DEMO === '1') {
	// The demo accounts of src/lib/server/auth/demo-users.ts (they exist in demo mode only).
	console.log(`
Demo sign-ins (username / password):
  admin        / admin-demo         Administrator: users and settings
  coordinator  / coordinator-demo   Coordinator, SMS secretariat: every place
  caseworker   / caseworker-demo    Caseworker: Ganja-Dashkasan and its districts
  caseworker2  / caseworker2-demo   A second caseworker of the same region
  member       / member-demo        Working group member (UNHCR): reads, no comments`);
}
