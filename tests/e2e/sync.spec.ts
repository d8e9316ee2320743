import { expect, newTablet, test, waitForOfflineReady } from './fixtures';
import type { BrowserContext, Page } from '@playwright/test';

// Two tablets against one server. A place and month without demo data, so each test starts
// from an empty cell and no entry is a tenfold jump.
test.use({ locale: 'en-US' });

const CELL_URL = '/areas/labour/L1?location=dist-shaki&period=2024-05';
const CELL = 'Female, 18–34';

async function openTablet(context: BrowserContext): Promise<Page> {
	const page = await context.newPage();
	await page.goto(CELL_URL);
	await waitForOfflineReady(page);
	await expect(page.getByTestId('first-start')).toHaveAttribute('data-state', 'ready', {
		timeout: 60_000
	});
	await expect(page.getByTestId('sync-status')).toContainText('All changes synced', {
		timeout: 60_000
	});
	return page;
}

async function enter(page: Page, value: string): Promise<void> {
	const cell = page.getByRole('textbox', { name: CELL, exact: true });
	await cell.fill(value);
	await cell.press('Enter');
	await expect(cell).toHaveAccessibleDescription('Saved on this device');
}

async function syncNow(page: Page): Promise<void> {
	await page.getByRole('button', { name: 'Sync now' }).click();
	await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'idle');
}

test('a value typed offline reaches the server by itself once back online, and the other tablet gets it', async ({
	browser
}) => {
	const a = await newTablet(browser, 'coordinator', { locale: 'en-US' });
	const b = await newTablet(browser, 'coordinator', { locale: 'en-US' });
	const tabletA = await openTablet(a);
	const tabletB = await openTablet(b);

	await a.setOffline(true);
	await enter(tabletA, '17');
	await expect(tabletA.getByTestId('sync-status')).toContainText('1 change waiting to sync');
	await tabletA.reload();
	await expect(tabletA.getByRole('textbox', { name: CELL, exact: true })).toHaveValue('17');

	// No button pressed: coming back online is enough.
	await a.setOffline(false);
	const cellA = tabletA.getByRole('textbox', { name: CELL, exact: true });
	await expect(cellA).toHaveAccessibleDescription('Synced', { timeout: 15_000 });
	await expect(tabletA.getByTestId('sync-status')).toContainText('All changes synced');

	await syncNow(tabletB);
	await tabletB.reload();
	const cellB = tabletB.getByRole('textbox', { name: CELL, exact: true });
	await expect(cellB).toHaveValue('17');
	await expect(cellB).toHaveAccessibleDescription('Synced');
	await a.close();
	await b.close();
});

test('two tablets changing the same value offline: the first is kept, the second shows a conflict', async ({
	browser
}) => {
	const a = await newTablet(browser, 'coordinator', { locale: 'en-US' });
	const b = await newTablet(browser, 'coordinator', { locale: 'en-US' });
	const tabletA = await openTablet(a);
	const tabletB = await openTablet(b);
	const cellA = tabletA.getByRole('textbox', { name: CELL, exact: true });
	const cellB = tabletB.getByRole('textbox', { name: CELL, exact: true });

	// Both start from the same synced value.
	await enter(tabletA, '20');
	await syncNow(tabletA);
	await expect(cellA).toHaveAccessibleDescription('Synced');
	await syncNow(tabletB);
	await tabletB.reload();
	await expect(cellB).toHaveValue('20');

	await a.setOffline(true);
	await b.setOffline(true);
	await enter(tabletA, '21');
	await enter(tabletB, '22');

	await a.setOffline(false);
	await expect(cellA).toHaveAccessibleDescription('Synced', { timeout: 15_000 });
	await b.setOffline(false);
	await expect(cellB).toHaveAccessibleDescription('In conflict', { timeout: 15_000 });
	await expect(tabletB.getByTestId('sync-status')).toContainText('1 conflict to review');

	// The first edit stands on the server: a third look from tablet A after syncing again.
	await syncNow(tabletA);
	await tabletA.reload();
	await expect(cellA).toHaveValue('21');
	await a.close();
	await b.close();
});
