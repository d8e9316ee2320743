import writeXlsxFile from 'write-excel-file/node';
import { expect, newTablet, test } from './fixtures';
import { openTablet, syncNow } from './sync-helpers';

// A caseworker imports an Excel file on a tablet with no connection: one row is refused with
// the reason, the other is saved, goes to the server when the tablet is back online, and the
// second caseworker's tablet shows it. A month long before the demo data, which no other test
// edits.
test.use({ locale: 'en-US' });

const VALUE = 4321;

async function spreadsheet(): Promise<Buffer> {
	const text = (value: string) => ({ value, type: String });
	const number = (value: number) => ({ value, type: Number });
	const data = [
		['Indicator code', 'Place', 'Period', 'Value', 'Comment'].map(text),
		[text('H3'), text('Gəncə'), text('Mart 2019'), number(VALUE), text('from the office sheet')],
		[text('H3'), text('Ganja'), text('2019-04'), number(12.5), text('')]
	];
	return writeXlsxFile(data as never).toBuffer();
}

test('an .xlsx imported offline, with a refused row, reaches another tablet after sync', async ({
	browser
}) => {
	test.setTimeout(180_000);
	const a = await newTablet(browser, 'caseworker', { locale: 'en-US' });
	const tabletA = await openTablet(a, '/areas');
	await tabletA.getByRole('link', { name: 'Import values from a spreadsheet' }).click();
	await expect(tabletA.getByRole('heading', { name: 'Import values', level: 1 })).toBeVisible();

	await a.setOffline(true);
	await tabletA.getByLabel('Spreadsheet file (CSV or Excel .xlsx)').setInputFiles({
		name: 'ganja-2019.xlsx',
		mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		buffer: await spreadsheet()
	});
	// The columns are guessed from the header line.
	await expect(tabletA.getByLabel('Indicator (code or name)')).toHaveValue('0');
	await expect(tabletA.getByLabel('Comment', { exact: true })).toHaveValue('4');
	await tabletA.getByRole('button', { name: 'Preview' }).click();

	const counts = tabletA.getByTestId('import-counts');
	await expect(counts.locator('[data-kind="new"]')).toContainText('1');
	await expect(counts.locator('[data-kind="refused"]')).toContainText('1');
	const preview = tabletA.getByTestId('import-preview');
	await expect(preview.locator('tr[data-kind="refused"]')).toContainText('Enter a whole number.');
	await expect(preview.locator('tr[data-kind="new"]')).toContainText('New: 4,321');

	await tabletA.getByRole('button', { name: 'Save 1 value on this device' }).click();
	await expect(tabletA.getByTestId('import-notice')).toContainText(
		'Saved on this device: 1 value. It goes to the server'
	);
	const history = tabletA.getByTestId('import-history');
	await expect(history).toContainText('ganja-2019.xlsx');
	await expect(history).toContainText('waiting to be sent: 1');
	await expect(history.getByRole('button', { name: 'Undo this import' })).toBeVisible();

	await a.setOffline(false);
	await syncNow(tabletA);
	await expect(history).toContainText('sent to the server', { timeout: 20_000 });
	await expect(history.getByRole('button', { name: 'Undo this import' })).toHaveCount(0);

	const b = await newTablet(browser, 'caseworker2', { locale: 'en-US' });
	const tabletB = await openTablet(b, '/areas/housing/H3?location=dist-ganja&period=2019-03');
	await expect(tabletB.getByRole('textbox', { name: 'Total', exact: true })).toHaveValue(
		String(VALUE),
		{ timeout: 20_000 }
	);
});
