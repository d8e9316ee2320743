import type { Page } from '@playwright/test';
import { generateDemoValues } from '../../src/lib/domain/seed/demo-values';
import { expect, newTablet, test } from './fixtures';
import { ready } from './roadmap-helpers';

test.use({ locale: 'en-US' });

/** Up to June 2026, so the figures do not move with the day the test runs. */
const MEETING = '/meeting?to=2026-06';

/** H2 (a quarterly count) in Q2 2026, the whole country: what its row shows unsuppressed. */
const H2 = generateDemoValues()
	.filter((v) => v.indicatorId === 'ind-h2' && v.period === '2026Q2')
	.reduce((sum, v) => sum + (v.value ?? 0), 0);

/** The H2 row of the housing slide, as the room sees it. */
async function housingH2(page: Page): Promise<string> {
	await page.getByRole('button', { name: /Start the presentation/ }).click();
	const deck = page.getByTestId('meeting-deck');
	await expect(deck.getByRole('heading', { level: 2, name: 'Access to housing' })).toBeVisible();
	const text = await deck.getByRole('row').filter({ hasText: 'H2' }).getByRole('cell').first();
	const shown = (await text.textContent()) ?? '';
	await page.keyboard.press('Escape');
	return shown.trim();
}

async function setThreshold(page: Page, value: string): Promise<void> {
	const field = page.getByLabel('Hide counts below');
	await field.fill(value);
	await field.blur();
}

test('the coordinator sets the small-count threshold for the whole group; a member’s tablet uses it and cannot change it', async ({
	page,
	browser
}) => {
	test.setTimeout(180_000);
	expect(H2).toBeGreaterThan(5);
	const threshold = H2 + 1;
	await ready(page, MEETING);
	expect(await housingH2(page)).toBe(String(H2));

	// Not a whole number from 1 to 100: said at the field, nothing saved.
	await setThreshold(page, '0');
	await expect(page.getByRole('alert')).toHaveText('Enter a whole number from 1 to 100.');
	await expect(page.getByLabel('Hide counts below')).toHaveAttribute('aria-invalid', 'true');
	await expect(page.locator('#threshold-help')).toContainText('“<5”');

	try {
		await setThreshold(page, String(threshold));
		await expect(page.getByRole('status').filter({ hasText: 'Saved for the whole' })).toBeVisible();
		await expect(page.locator('#threshold-help')).toContainText(`“<${threshold}”`);
		expect(await housingH2(page)).toBe(`<${threshold}`);
		await expect(page.getByTestId('sync-status')).toContainText('All changes synced', {
			timeout: 30_000
		});

		// Another tablet, a working-group member: the group's threshold, locked, with the reason.
		const member = await newTablet(browser, 'member');
		const other = await member.newPage();
		await ready(other, MEETING);
		await expect(other.getByTestId('threshold-locked')).toHaveText(
			'The coordinator sets this threshold for the whole working group.'
		);
		await expect(other.getByLabel('Hide counts below')).toBeDisabled();
		await expect(other.getByLabel('Hide counts below')).toHaveValue(String(threshold));
		expect(await housingH2(other)).toBe(`<${threshold}`);
		await member.close();
	} finally {
		// The e2e server is shared: later tests expect the default threshold.
		await setThreshold(page, '5');
		await expect(page.locator('#threshold-help')).toContainText('“<5”');
		await expect(page.getByTestId('sync-status')).toContainText('All changes synced', {
			timeout: 30_000
		});
	}
});
