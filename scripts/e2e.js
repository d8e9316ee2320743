// Runs Playwright in Chromium: Playwright's own browser when installed, else Debian's
// /usr/bin/chromium (Playwright cannot download its browser on these machines).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

/** @returns {boolean} */
function hasOwnChromium() {
	try {
		return existsSync(chromium.executablePath());
	} catch {
		return false; // executablePath() throws when no browser was ever installed
	}
}
const own = hasOwnChromium();
if (!own && !existsSync('/usr/bin/chromium')) {
	console.error(
		'No Chromium for the end-to-end tests: install one with "apt-get install chromium" (Debian) or "npx playwright install chromium".'
	);
	process.exit(1);
}

const run = spawnSync('npx', ['playwright', 'test', ...process.argv.slice(2)], {
	stdio: 'inherit'
});
process.exit(run.status ?? 1);
