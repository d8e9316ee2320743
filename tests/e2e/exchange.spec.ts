import { readFile } from 'node:fs/promises';
import type { Download, Page } from '@playwright/test';
import { expect, test, waitForOfflineReady } from './fixtures';

// The coordinator maps H1 (yearly, no split) and two districts to DHIS2 UIDs, exports 2025 as a
// DHIS2 data value set, and reads that file back through the import preview: every row is
// "unchanged", since the file holds exactly what the device does. The ActivityInfo CSV of the
// same period has the columns README "Exchange with DHIS2 and ActivityInfo" documents.
test.use({ locale: 'en-US' });

const DE = 'fbfJHSPpUQD';
const COC = 'HllvX50cXC0';
const OU_GANJA = 'DiszpKrYNg8';
const OU_YASAMAL = 'ImspTQPwCqd';

const ACTIVITYINFO_HEADER =
	'Indicator code,Indicator,Place ID,Place,Place level,Period,Start date,End date,Sex,Age group,Value,Unit,Comment';

async function openReady(page: Page, url: string) {
	await page.goto(url);
	await expect(page.getByTestId('first-start')).toHaveAttribute('data-state', 'ready', {
		timeout: 60_000
	});
	await expect(page.getByTestId('sync-status')).toContainText('All changes synced', {
		timeout: 60_000
	});
}

async function text(download: Download): Promise<string> {
	return readFile(await download.path(), 'utf8');
}

test('a mapping set by the coordinator exports a DHIS2 file that re-imports as unchanged', async ({
	page
}) => {
	test.setTimeout(180_000);
	await openReady(page, '/');
	await page.getByRole('navigation').getByRole('link', { name: 'Exchange' }).click();
	await expect(
		page.getByRole('heading', { name: 'Exchange with DHIS2 and ActivityInfo', level: 1 })
	).toBeVisible();

	const element = page.getByLabel('Data element UID of H1, Total', { exact: true });
	const combo = page.getByLabel('Category option combo UID of H1, Total', { exact: true });
	// A slip is named at its field, and nothing is saved.
	await element.fill('fbfJHSPpUQ');
	await page.getByRole('button', { name: 'Save the mapping' }).click();
	await expect(page.getByTestId('exchange-mapping-error')).toContainText(
		'Correct the marked fields'
	);
	await expect(element).toHaveAccessibleDescription('Must be 11 characters long, not 10.');
	await expect(combo).toHaveAccessibleDescription(/Empty: copy the UID from DHIS2/);

	await element.fill(DE);
	await combo.fill(COC);
	await page.getByLabel('Organisation unit UID of Ganja', { exact: true }).fill(OU_GANJA);
	await page
		.getByLabel('Organisation unit UID of Yasamal district', { exact: true })
		.fill(OU_YASAMAL);
	await page.getByRole('button', { name: 'Save the mapping' }).click();
	await expect(page.getByTestId('exchange-mapping-notice')).toContainText('The mapping is saved');

	// Exports work from the device alone: offline, the mapping is the copy this device keeps.
	await waitForOfflineReady(page);
	await page.context().setOffline(true);
	await page.reload();
	await expect(
		page.getByText('No connection: this is the mapping as this device last received it')
	).toBeVisible();
	await expect(page.getByLabel('Data element UID of H1, Total', { exact: true })).toHaveValue(DE);

	await page.getByLabel('Period', { exact: true }).selectOption('2025');
	const [dhis2] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Export to DHIS2 (JSON)' }).click()
	]);
	expect(dhis2.suggestedFilename()).toBe('yol-dhis2-2025.json');
	const file = JSON.parse(await text(dhis2)) as { dataValues: Record<string, unknown>[] };
	expect(file.dataValues).toHaveLength(2);
	for (const dv of file.dataValues) {
		expect(dv).toMatchObject({ dataElement: DE, period: '2025', categoryOptionCombo: COC });
		expect([OU_GANJA, OU_YASAMAL]).toContain(dv.orgUnit);
		expect(dv.value).toMatch(/^\d+(\.\d+)?$/);
	}
	const notice = page.getByTestId('exchange-export-notice');
	await expect(notice).toContainText('2 values exported');
	// Every other 2025 value has no data element yet, and the screen says so.
	await expect(
		page.getByTestId('exchange-skipped-counts').locator('[data-reason="no-data-element"]')
	).toBeVisible();

	const [activityInfo] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Export to ActivityInfo (CSV)' }).click()
	]);
	const csv = (await text(activityInfo)).replace(/^\uFEFF/, '');
	expect(csv.split('\r\n')[0]).toBe(ACTIVITYINFO_HEADER);
	expect(csv).toContain(',dist-ganja,Ganja,district,2025,2025-01-01,2025-12-31,');

	await page.goto('/import');
	await page.getByLabel('DHIS2 file (dataValueSets JSON)').setInputFiles({
		name: 'yol-dhis2-2025.json',
		mimeType: 'application/json',
		buffer: Buffer.from(await text(dhis2))
	});
	const counts = page.getByTestId('import-counts');
	await expect(counts.locator('[data-kind="unchanged"]')).toContainText('2');
	for (const kind of ['new', 'change', 'refused', 'outside']) {
		await expect(counts.locator(`[data-kind="${kind}"]`)).toContainText('0');
	}
	await expect(page.getByTestId('import-preview').locator('tbody tr')).toHaveCount(2);
	await expect(page.getByText('Nothing to save: every row is unchanged')).toBeVisible();
});

test.describe('someone who is not a coordinator', () => {
	test.use({ demoUser: 'member' });

	test('sees the mapping read-only, and why', async ({ page }) => {
		test.setTimeout(120_000);
		await openReady(page, '/exchange');
		await expect(page.getByTestId('exchange-read-only')).toContainText(
			'Only a coordinator changes the mapping'
		);
		await expect(page.getByRole('button', { name: 'Save the mapping' })).toHaveCount(0);
		await expect(page.getByLabel('Data element UID of H1, Total', { exact: true })).toHaveAttribute(
			'readonly',
			''
		);
	});
});
