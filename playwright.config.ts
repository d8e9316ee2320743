import { defineConfig, devices } from '@playwright/test';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 4173);

/** Playwright's own Chromium when installed, else Debian's (Playwright cannot download here). */
function chromiumPath(): string | undefined {
	try {
		if (existsSync(chromium.executablePath())) return undefined;
	} catch {
		// executablePath() throws when no browser was ever installed for this Playwright
	}
	return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
}

export default defineConfig({
	testDir: 'tests/e2e',
	outputDir: 'test-results/e2e',
	fullyParallel: false,
	workers: 1,
	retries: 0,
	// Two-tablet tests open two first starts (a full pull each): 30 s was too tight on a busy machine.
	timeout: 60_000,
	reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
	use: {
		baseURL: `http://127.0.0.1:${PORT}`,
		serviceWorkers: 'allow',
		viewport: { width: 1024, height: 768 },
		trace: 'retain-on-failure',
		screenshot: 'only-on-failure'
	},
	projects: [
		{
			name: 'chromium',
			use: {
				...devices['Desktop Chrome'],
				viewport: { width: 1024, height: 768 },
				launchOptions: {
					executablePath: chromiumPath(),
					args: [
						'--no-sandbox',
						'--disable-gpu',
						'--disable-dev-shm-usage',
						'--disable-background-networking',
						'--disable-component-update',
						'--disable-sync',
						'--disable-quic',
						'--no-first-run'
					]
				}
			}
		}
	],
	webServer: {
		// A fresh data directory per run, so tests never see a developer's own database.
		command: `node scripts/e2e-server.js`,
		url: `http://127.0.0.1:${PORT}/api/health`,
		reuseExistingServer: false,
		timeout: 120_000,
		env: { PORT: String(PORT), HOST: '127.0.0.1' }
	}
});
