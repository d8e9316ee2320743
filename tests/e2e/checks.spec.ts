import type { Page } from '@playwright/test';
import { expect, newTablet, test, waitForOfflineReady } from './fixtures';
import { enter } from './sync-helpers';

// Reporting completeness and validation rules (issue #21 §4–5), in en-US words.
test.use({ locale: 'en-US' });

/** This machine may be busy: reading local data gets this long before failing. */
const SLOW = { timeout: 20_000 };

async function ready(page: Page, path: string): Promise<void> {
	await page.goto(path);
	await waitForOfflineReady(page);
	await expect(page.getByTestId('first-start')).toHaveAttribute('data-state', 'ready', {
		timeout: 60_000
	});
}

/** The Ganja-Dashkasan line of a completeness panel: "… N of M expected values for …". */
function ganjaLine(page: Page) {
	return page.getByTestId('completeness-region').filter({ hasText: 'Ganja' });
}

async function counts(page: Page): Promise<[complete: number, expected: number]> {
	const text = (await ganjaLine(page).textContent()) ?? '';
	const match = /(\d+) of (\d+) expected values? for Q3 2024/.exec(text);
	expect(match, text).not.toBeNull();
	return [Number(match![1]), Number(match![2])];
}

test('meeting mode counts a value entered for the period among the expected ones', async ({
	page
}) => {
	test.setTimeout(180_000);
	// 2024 is before the demo data: the region's quarter starts with nothing entered.
	await ready(page, '/meeting?to=2024-09');
	await expect(ganjaLine(page)).toBeVisible(SLOW);
	const [complete, expected] = await counts(page);
	expect(expected).toBeGreaterThan(complete);

	// H2 is quarterly and not split: one number makes one expected value complete.
	await page.goto('/areas/housing/H2?location=dist-ganja&period=2024Q3');
	await enter(page, '12', 'Total');

	await page.goto('/meeting?to=2024-09');
	await expect(ganjaLine(page)).toContainText(
		`Ganja-Dashkasan economic region: ${complete + 1} of ${expected} expected values for Q3 2024`,
		SLOW
	);
});

test('a rule the coordinator defines warns the caseworker at the cell, is listed and exported', async ({
	browser,
	page
}) => {
	test.setTimeout(240_000);
	// The coordinator: E5 (completed a course) can never exceed E6 (enrolled).
	await ready(page, '/checks');
	const editor = page.getByTestId('rule-editor');
	await editor.getByLabel('Indicator').selectOption({ label: 'E5' });
	await editor.getByLabel('Kind').selectOption('at_most');
	await editor.getByLabel(/Compared with/).fill('#{E6}');
	await editor.getByLabel('Note').fill('completed ≤ enrolled');
	await editor.getByRole('button', { name: 'Save rule' }).click();
	await expect(editor.getByRole('status')).toBeVisible(SLOW);
	await expect(page.getByText('completed ≤ enrolled')).toBeVisible();
	await page.getByRole('button', { name: 'Sync now' }).click();
	await expect(page.getByTestId('sync-status')).toContainText('All changes synced', SLOW);

	// The caseworker's tablet pulls the rule; more completed than enrolled warns, and is saved.
	const tablet = await newTablet(browser, 'caseworker', { locale: 'en-US' });
	const caseworker = await tablet.newPage();
	await ready(caseworker, '/areas/education/E6?location=dist-ganja&period=2026Q4');
	await enter(caseworker, '5', 'Female');
	await enter(caseworker, '5', 'Male');
	await caseworker.goto('/areas/education/E5?location=dist-ganja&period=2026Q4');
	await enter(caseworker, '8', 'Female');
	await enter(caseworker, '7', 'Male');
	const warning = caseworker.getByTestId('rule-warning').first();
	await expect(warning).toContainText('15 is more than E6 (10)', SLOW);
	await caseworker.reload();
	await expect(caseworker.getByRole('textbox', { name: 'Male', exact: true })).toHaveValue('7');

	// The checks page lists it for the running quarter and exports it.
	await caseworker.goto('/checks');
	const row = caseworker.getByTestId('violation').filter({ hasText: 'E5' });
	await expect(row).toContainText('Ganja', SLOW);
	await expect(row).toContainText('15 is more than E6 (10)');
	const download = caseworker.waitForEvent('download');
	await caseworker.getByRole('button', { name: 'Download CSV' }).click();
	const file = await download;
	expect(file.suggestedFilename()).toMatch(/\.csv$/);
	const { readFile } = await import('node:fs/promises');
	const csv = await readFile((await file.path())!, 'utf8');
	expect(csv).toContain('E5');
	expect(csv).toContain('15');
	await tablet.close();
});

test("a caseworker's home lists the values still to enter for the running quarter", async ({
	browser
}) => {
	test.setTimeout(180_000);
	const tablet = await newTablet(browser, 'caseworker', { locale: 'en-US' });
	const page = await tablet.newPage();
	// The demo data fills every quarter; clearing one number leaves it open.
	await ready(page, '/areas/housing/H2?location=dist-ganja&period=2026Q4');
	await enter(page, '', 'Total');
	await page.goto('/');
	const open = page.getByTestId('open-items');
	await expect(open.getByRole('heading', { name: 'Your open items for Q4 2026' })).toBeVisible(
		SLOW
	);
	const item = open.getByRole('link', { name: /H2/ });
	await expect(item).toContainText('Ganja');
	await item.click();
	await expect(page).toHaveURL(/\/areas\/housing\/H2\?location=dist-ganja&period=2026Q4/);
	await tablet.close();
});
