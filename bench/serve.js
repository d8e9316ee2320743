// Starts the production build on a throwaway SQLite database for a benchmark, and stops it.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** @param {number} port @returns {Promise<{ url: string, stop: () => void }>} */
export async function serveBuild(port) {
	const server = spawn(process.execPath, ['build/index.js'], {
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			YOL_DATA_DIR: mkdtempSync(join(tmpdir(), 'yol-bench-')),
			DATABASE_URL: ''
		},
		stdio: 'ignore'
	});
	const url = `http://127.0.0.1:${port}`;
	for (let i = 0; i < 100; i++) {
		try {
			if ((await fetch(`${url}/api/health`)).ok) return { url, stop: () => server.kill() };
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	server.kill();
	throw new Error(`the server on port ${port} did not start`);
}

/** @param {number[]} xs */
export function median(xs) {
	const s = [...xs].sort((a, b) => a - b);
	const mid = Math.floor(s.length / 2);
	return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-dev-shm-usage',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run'
];

/** Playwright's own Chromium when installed, else Debian's. */
export function chromiumExecutable() {
	return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
}
