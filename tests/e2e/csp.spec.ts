import type { Page } from '@playwright/test';
import writeXlsxFile from 'write-excel-file/node';
import { expect, test, waitForOfflineReady } from './fixtures';
import { SCREENS as ALL_SCREENS } from './screens';

/**
 * The Content-Security-Policy (kit.csp, svelte.config.js) is on, and nothing the app does breaks
 * it: every screen, a chart (chart.js, loaded with it), the Excel and Word exports, the service
 * worker and a reload offline from its cached shell. Violations are caught twice: the browser's
 * own console message ("Refused to …") and the page's `securitypolicyviolation` event.
 */

const SCREENS = [...ALL_SCREENS, '/admin/users'];
const SLOW = { timeout: 30_000 };

/** Starts recording every CSP violation of every document the page opens. */
async function recordViolations(page: Page): Promise<string[]> {
	const violations: string[] = [];
	page.on('console', (message) => {
		const text = message.text();
		if (/Content Security Policy|Refused to/i.test(text)) violations.push(`console: ${text}`);
	});
	await page.exposeBinding('__yolCspViolation', (_source, text: string) => {
		violations.push(`event: ${text}`);
	});
	await page.addInitScript(() => {
		const report = (window as unknown as { __yolCspViolation: (t: string) => void })
			.__yolCspViolation;
		document.addEventListener('securitypolicyviolation', (event) => {
			report(
				`${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} on ${location.pathname}`
			);
		});
	});
	return violations;
}

test.use({ demoUser: 'coordinator' });

test('the CSP is on and every screen, a chart, the exports and the offline shell keep to it', async ({
	page,
	context
}) => {
	test.setTimeout(240_000);
	const violations = await recordViolations(page);
	await page.addInitScript(() => localStorage.setItem('yol.language', 'en'));

	const response = await page.goto('/');
	const policy = response?.headers()['content-security-policy'] ?? '';
	expect(policy).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/=]+'/);
	expect(policy).not.toContain('unsafe-inline');
	for (const directive of ["frame-ancestors 'none'", "base-uri 'self'", "object-src 'none'"]) {
		expect(policy).toContain(directive);
	}
	await waitForOfflineReady(page);
	await expect(page.getByTestId('first-start')).toHaveAttribute('data-state', 'ready', {
		timeout: 60_000
	});

	// The policy really is enforced, and the recorders hear it: an injected inline script is refused.
	const ran = await page.evaluate(() => {
		const script = document.createElement('script');
		script.textContent = 'window.__yolInjected = true';
		document.head.append(script);
		return (window as unknown as { __yolInjected?: boolean }).__yolInjected === true;
	});
	expect(ran).toBe(false);
	await expect.poll(() => violations.length).toBeGreaterThanOrEqual(2);
	expect(violations.join('\n')).toContain('script-src');
	violations.length = 0;

	for (const path of SCREENS) {
		await page.goto(path);
		await expect(page.locator('main h1').first(), `${path}: ${violations.join('; ')}`).toBeVisible(
			SLOW
		);
		await page.waitForTimeout(300);
	}

	// A chart: chart.js loads with the indicator page and draws.
	await page.goto('/indicators/H1');
	await expect
		.poll(
			() =>
				page
					.locator('.chart-box canvas')
					.first()
					.evaluate((c: HTMLCanvasElement) => c.width),
			SLOW
		)
		.toBeGreaterThan(100);

	// The Excel export of the dashboard.
	await page.goto('/');
	await expect(page.locator('tr[data-indicator="H1"]')).toBeVisible(SLOW);
	const [excel] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Download Excel' }).click()
	]);
	expect(excel.suggestedFilename()).toMatch(/\.xlsx$/);
	expect(await excel.failure()).toBeNull();

	// The Word report.
	await page.goto('/report');
	await expect(page.locator('main h1').first()).toBeVisible(SLOW);
	const [word] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Download Word (.docx)' }).click()
	]);
	expect(word.suggestedFilename()).toMatch(/\.docx$/);
	expect(await word.failure()).toBeNull();

	// Offline, the service worker's cached shell keeps the page's policy, and the app starts under it.
	const cached = await page.evaluate(async () => {
		const keys = await caches.keys();
		for (const name of keys) {
			const hit = await (await caches.open(name)).match('/');
			if (hit) return hit.headers.get('content-security-policy');
		}
		return null;
	});
	expect(cached).toBe(policy);
	await context.setOffline(true);
	await page.goto('/measures');
	await expect(page.locator('main h1').first()).toBeVisible(SLOW);
	await page.goto('/indicators/H1');
	await expect(page.locator('.chart-box canvas').first()).toBeVisible(SLOW);
	await context.setOffline(false);

	await page.waitForTimeout(500);
	expect(violations).toEqual([]);
});

/** 10,000 value rows: the sheet's XML is over 2 MB, past the size where fflate starts workers. */
async function largeSpreadsheet(): Promise<Buffer> {
	const text = (value: string) => ({ value, type: String });
	const rows = [['Indicator code', 'Place', 'Period', 'Value', 'Comment'].map(text)];
	for (let i = 0; i < 10_000; i++) {
		const month = String((i % 12) + 1).padStart(2, '0');
		rows.push([
			text('H3'),
			text('Ganja'),
			text(`${1990 + Math.floor(i / 12)}-${month}`),
			{ value: i, type: Number } as never,
			text(`row ${i} from the regional office's sheet`)
		]);
	}
	return writeXlsxFile(rows as never).toBuffer();
}

test('a 10,000-row .xlsx is read and previewed under the CSP', async ({ page }) => {
	test.setTimeout(180_000);
	const violations = await recordViolations(page);
	await page.addInitScript(() => localStorage.setItem('yol.language', 'en'));
	await page.goto('/import');
	await expect(page.getByRole('heading', { name: 'Import values', level: 1 })).toBeVisible(SLOW);
	await page.getByLabel('Spreadsheet file (CSV or Excel .xlsx)').setInputFiles({
		name: 'office-sheet.xlsx',
		mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		buffer: await largeSpreadsheet()
	});
	// Reading ends: the columns are guessed from the header line.
	await expect(page.getByLabel('Comment', { exact: true })).toHaveValue('4', { timeout: 60_000 });
	await page.getByRole('button', { name: 'Preview' }).click();
	await expect(page.getByText('Rows in the file: 10,000')).toBeVisible({ timeout: 60_000 });
	expect(violations).toEqual([]);
});
