import { expect, waitForOfflineReady } from './fixtures';
import type { BrowserContext, Page } from '@playwright/test';

// What the two-tablet tests (sync.spec.ts, sync-caseworkers.spec.ts) do on each tablet, in
// en-US words.

/** The grid's cell most of these tests edit. */
export const CELL = 'Female, 18–34';

/** Opens `url` on a tablet and waits for its first start and first sync to end. */
export async function openTablet(context: BrowserContext, url: string): Promise<Page> {
	const page = await context.newPage();
	await page.goto(url);
	await waitForOfflineReady(page);
	await expect(page.getByTestId('first-start')).toHaveAttribute('data-state', 'ready', {
		timeout: 60_000
	});
	await expect(page.getByTestId('sync-status')).toContainText('All changes synced', {
		timeout: 60_000
	});
	return page;
}

export const cellOn = (page: Page, name = CELL) => page.getByRole('textbox', { name, exact: true });

export async function enter(page: Page, value: string, name = CELL): Promise<void> {
	const cell = cellOn(page, name);
	await cell.fill(value);
	await cell.press('Enter');
	await expect(cell).toHaveAccessibleDescription('Saved on this device');
}

/** The "n conflicts to review" of the sync status, 0 when it says none. */
export async function conflictCount(page: Page): Promise<number> {
	const text = (await page.getByTestId('sync-status').textContent()) ?? '';
	return Number(/(\d+) conflicts? to review/.exec(text)?.[1] ?? 0);
}

export async function syncNow(page: Page): Promise<void> {
	await page.getByRole('button', { name: 'Sync now' }).click();
	await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'idle');
}

/** Names the tablet in its account menu, as its user does once. */
export async function nameTablet(page: Page, name: string): Promise<void> {
	await page.getByTestId('user-menu').getByRole('button').first().click();
	const form = page.getByTestId('device-name');
	await form.getByRole('textbox', { name: "This tablet's name" }).fill(name);
	await form.getByRole('button', { name: 'Save the name' }).click();
	await expect(form.getByRole('status')).toContainText(name);
	await page.keyboard.press('Escape');
}
