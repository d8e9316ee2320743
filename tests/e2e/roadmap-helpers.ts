import type { Page } from '@playwright/test';
import { expect, waitForOfflineReady } from './fixtures';

/** Opens a page and waits for the offline shell, the first start and a settled sync. */
export async function ready(page: Page, path: string): Promise<void> {
	await page.goto(path);
	await waitForOfflineReady(page);
	await expect(page.getByTestId('first-start')).toHaveAttribute('data-state', 'ready', {
		timeout: 60_000
	});
	await expect(page.getByTestId('sync-status')).toContainText('All changes synced', {
		timeout: 60_000
	});
}
