import JSZip from 'jszip';
import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures';
import { ready } from './roadmap-helpers';

// A coordinator's tablet in English; the report is then read in Azerbaijani and in Russian.
test.use({ locale: 'en-US' });

const NOTE = 'Moldova ilə readmissiya sazişi layihəsinin son maddəsi Bakıda razılaşdırılıb.';
/** Measure 1.4 of the 2016 action plan, from the demo data. */
const MEASURE_URL = '/measures/measure-1-4';

test('offline, a coordinator records a meeting and a note on a measure; online they sync and the yearly report shows the note in Azerbaijani, in Russian and in Word', async ({
	page,
	context
}) => {
	test.setTimeout(180_000);
	await ready(page, '/meetings');
	await expect(page.getByRole('heading', { level: 1, name: 'Meetings' })).toBeVisible();
	// The demo's third integration meeting left two recommendations open: they are carried over.
	const followUps = page.getByTestId('followups-integration');
	await expect(followUps).toContainText('Set up a mechanism in which international partners');

	await context.setOffline(true);
	await page.goto('/meetings/new');
	await expect(page.getByRole('heading', { level: 1, name: 'Record a meeting' })).toBeVisible();
	await expect(page.getByLabel('Meeting number')).toHaveValue('4');
	// The agenda of the new meeting lists the open decisions and recommendations of the earlier ones.
	await expect(
		page.getByRole('region', { name: 'Open decisions and recommendations from earlier meetings' })
	).toContainText('Present a plan of intercultural dialogue events');
	await page.getByLabel('Theme').fill('Roadmap progress in 2026');
	await page.getByLabel('Venue').fill('State Migration Service, Baku');
	await page.getByLabel('Chair').fill('Vusal Huseynov');
	await page.getByRole('button', { name: 'Add an agenda item' }).click();
	await page.getByLabel('Agenda item').fill('Readmission agreements');
	await page
		.getByRole('textbox', { name: 'Minutes' })
		.fill('The SMS reported on the talks with Moldova.');

	const decisions: [text: string, owner: string, due: string][] = [
		['Draft a guide on housing for refugees', 'UNHCR', '2027-03-31'],
		// typed day first, as the working group writes dates
		['Hold a labour-market seminar in Ganja', 'Ministry of Labour', '15.05.2027']
	];
	for (const [i, [text, owner, due]] of decisions.entries()) {
		await page.getByRole('button', { name: 'Add a decision or recommendation' }).click();
		const decision = page.getByTestId('decision').nth(i);
		await decision.getByLabel('Decision or recommendation').fill(text);
		await decision.getByLabel('Owner organisation').selectOption({ label: owner });
		await decision.getByLabel('Due').fill(due);
	}
	await page.getByRole('button', { name: 'Save the meeting' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Meeting 4');
	await expect(page.getByTestId('decision')).toHaveCount(2);
	await expect(page.getByTestId('decision').nth(1)).toContainText('15 May 2027');
	await expect(page.getByTestId('sync-status')).toContainText('1 change waiting to sync');

	// A progress note on measure 1.4, written in Azerbaijani, still offline.
	await page.goto(MEASURE_URL);
	await expect(page.getByRole('heading', { level: 1 })).toContainText('1.4');
	await page.getByLabel('What was done').fill(NOTE);
	await page.getByLabel('Language of the note').selectOption({ label: 'Azerbaijani' });
	await page.getByLabel('Author').fill('Aysel Məmmədova');
	await page.getByLabel('Organisation').selectOption({ label: 'SMS' });
	await page.getByRole('button', { name: 'Save the note' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Saved on this device' })).toBeVisible();
	const note = page.getByTestId('measure-note').filter({ hasText: NOTE });
	await expect(note).toContainText('Saved on this device only');
	await expect(page.getByTestId('sync-status')).toContainText('2 changes waiting to sync');

	// Back online: no button pressed, both changes reach the server.
	await context.setOffline(false);
	await expect(page.getByTestId('sync-status')).toContainText('All changes synced', {
		timeout: 20_000
	});
	await expect(note).not.toContainText('Saved on this device only');
	await page.goto('/meetings');
	const meeting = page.getByTestId('meeting-row').filter({ hasText: 'Meeting 4' });
	await expect(meeting).toContainText('2 decisions');
	await expect(meeting).not.toContainText('this device only');
	await expect(followUps).toContainText('Draft a guide on housing for refugees');

	// The report for this year, in Azerbaijani: the note sits under measure 1.4.
	const year = new Date().getFullYear();
	await page.goto(`/report?from=${year}-01-01&to=${year}-12-31`);
	await page.getByRole('button', { name: 'Azərbaycanca', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		new RegExp(`^Görülmüş işlər barədə hesabat: ${year}-c[ıiuü] il$`)
	);
	const row = page.locator('[data-testid="report-row"][data-number="1.4"]');
	await expect(row).toContainText('Xarici ölkələrdə Azərbaycan Respublikası vətəndaşlarının');
	await expect(row.getByTestId('report-note')).toHaveCount(1);
	await expect(row.getByTestId('report-note')).toContainText(NOTE);
	await expect(row.getByTestId('report-note')).not.toContainText('(azərbaycanca)');
	await expect(page.locator('[data-number="1.1"]').getByTestId('report-note')).toHaveCount(0);

	// In Russian: the measure's Russian name, the note in its own language with a marker.
	await page.getByRole('button', { name: 'Русский', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		`Отчёт о проделанной работе за ${year} г.`
	);
	await expect(row).toContainText('Осуществление мер по расширению договорно-правовой базы');
	await expect(row.getByTestId('report-note')).toContainText(NOTE);
	await expect(row.getByTestId('report-note')).toContainText('(на азербайджанском)');

	// The .docx downloads and opens: its body holds the measure and the note.
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Скачать Word (.docx)' }).click()
	]);
	expect(download.suggestedFilename()).toBe(`yol-report-${year}-01-01-${year}-12-31-ru.docx`);
	const zip = await JSZip.loadAsync(await readFile((await download.path())!));
	const xml = await zip.file('word/document.xml')!.async('string');
	expect(xml).toContain('Осуществление мер по расширению договорно-правовой базы');
	expect(xml).toContain(NOTE);
	expect(xml).toContain('(на азербайджанском)');
	expect(xml).toContain('<w:tblHeader');
});
