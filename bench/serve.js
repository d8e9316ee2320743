// Starts the production build on a throwaway SQLite database for a benchmark, and stops it.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * @param {number} port
 * @param {{ dataDir?: string, env?: Record<string, string> }} [options] an existing data folder
 *   (to restart on the same database) and extra environment
 * @returns {Promise<{ url: string, dataDir: string, stop: () => Promise<void> }>}
 */
export async function serveBuild(port, options = {}) {
	const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'yol-bench-'));
	const server = spawn(process.execPath, ['scripts/server.js'], {
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			YOL_DATA_DIR: dataDir,
			DATABASE_URL: '',
			...options.env
		},
		stdio: 'ignore'
	});
	const stop = () =>
		new Promise((resolve) => {
			if (server.exitCode !== null || server.signalCode !== null) return resolve(undefined);
			server.once('exit', resolve);
			server.kill();
		});
	const url = `http://127.0.0.1:${port}`;
	for (let i = 0; i < 300; i++) {
		try {
			if ((await fetch(`${url}/api/health`)).ok) return { url, dataDir, stop };
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
