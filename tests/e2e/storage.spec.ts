import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { ready } from './roadmap-helpers';

/** Makes the browser report the device's storage as this full (the estimate is all Yol sees). */
async function storageAt(page: Page, usage: number, quota: number): Promise<void> {
	await page.addInitScript(
		([usage, quota]) => {
			Object.defineProperty(navigator.storage, 'estimate', {
				value: () => Promise.resolve({ usage, quota })
			});
		},
		[usage, quota]
	);
}

test.describe('storage on the device', () => {
	test.use({ locale: 'en-US' });

	test('the sync panel says how much space Yol uses, and no warning shows while there is room', async ({
		page
	}) => {
		await storageAt(page, 12_400_000, 2_000_000_000);
		await ready(page, '/');
		await expect(page.getByTestId('storage-high')).toHaveCount(0);
		await page.getByRole('button', { name: 'Sync and storage details' }).click();
		const dialog = page.getByRole('dialog', { name: 'Sync and storage' });
		await expect(dialog.getByTestId('storage-use')).toContainText(
			'Yol uses 12.4 MB of the 2 GB this browser allows it (1%).'
		);
		await expect(dialog).toContainText('While Yol is closed they wait');
		await expect(dialog.getByRole('alert')).toHaveCount(0);
		await dialog.getByRole('button', { name: 'Close' }).click();
		await expect(dialog).toBeHidden();
	});

	test('past four fifths of the quota the panel warns in words, and says what to do', async ({
		page
	}) => {
		await storageAt(page, 900_000_000, 1_000_000_000);
		await ready(page, '/');
		const status = page.getByTestId('sync-status');
		await expect(status.getByTestId('storage-high')).toHaveText('Storage 90% full');
		// A separator with its spaces, after the time of the last sync.
		await expect(status).toContainText(/\d · Storage 90% full/);
		await page.getByRole('button', { name: 'Sync and storage details' }).click();
		const dialog = page.getByRole('dialog', { name: 'Sync and storage' });
		await expect(dialog.getByTestId('storage-use')).toContainText('900 MB of the 1 GB');
		await expect(dialog.getByRole('alert')).toContainText('Space is running low');
	});
});

test.describe('in Russian', () => {
	test.use({ locale: 'ru-RU' });

	test('the warning and the sizes read in Russian', async ({ page }) => {
		await storageAt(page, 850_000_000, 1_000_000_000);
		await page.goto('/');
		await expect(page.getByTestId('storage-high')).toHaveText('Хранилище заполнено на 85 %', {
			timeout: 60_000
		});
		await page.getByRole('button', { name: 'Подробнее о синхронизации и хранилище' }).click();
		await expect(page.getByTestId('storage-use')).toContainText('850 МБ из 1 ГБ');
	});
});
