import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';
import { ready } from './roadmap-helpers';

// Roadmap screens beyond the offline meeting-and-report journey of measures.spec.ts: roles,
// a decision turned into a measure, the organisations list, and the report on paper.
test.use({ locale: 'en-US' });

const READ_ONLY = 'Only coordinators change measures and meetings; you can read them.';

test.describe('a working-group member', () => {
	test.use({ demoUser: 'member' });

	test('reads measures, meetings, organisations and the report; new and edit are locked with the reason', async ({
		page
	}) => {
		test.setTimeout(120_000);
		await ready(page, '/measures');
		await expect(page.getByRole('heading', { level: 1, name: 'Measures' })).toBeVisible();
		await expect(page.getByTestId('measure-row').filter({ hasText: '1.4' })).toBeVisible();
		await expect(page.getByTestId('new-measure')).toBeDisabled();
		await expect(page.getByTestId('new-measure-why')).toHaveText(READ_ONLY);

		await page.goto('/measures/measure-1-4');
		await expect(page.getByRole('heading', { level: 1 })).toContainText('1.4');
		await expect(page.getByTestId('edit-measure')).toBeDisabled();
		await expect(page.getByTestId('edit-measure-why')).toHaveText(READ_ONLY);
		await expect(page.getByTestId('notes-read-only')).toBeVisible();

		await page.goto('/meetings');
		await expect(page.getByTestId('meeting-row').first()).toBeVisible();
		await expect(page.getByTestId('new-meeting')).toBeDisabled();
		await expect(page.getByTestId('new-meeting-why')).toHaveText(READ_ONLY);

		// The reintegration group's fifth meeting reads whole in English, though its source is Russian.
		await page.goto('/meetings/meeting-reintegration-5');
		await expect(page.getByRole('heading', { level: 1 })).toContainText('Meeting 5');
		await expect(page.getByTestId('meeting-title')).toHaveText(
			'First meeting of the RESTART project partners'
		);
		await expect(page.getByTestId('agenda-item')).toHaveCount(3);
		await expect(page.getByTestId('decision')).toContainText(
			'Prepare a reintegration assistance guide as a first step'
		);
		await expect(page.getByTestId('edit-meeting')).toBeDisabled();
		await expect(page.getByTestId('edit-meeting-why')).toHaveText(READ_ONLY);
		await expect(page.getByTestId('to-measure')).toHaveCount(0);
		// Someone who goes to the form anyway finds it locked, with why.
		await page.goto('/meetings/meeting-reintegration-5/edit');
		await expect(page.getByTestId('roadmap-read-only')).toHaveText(READ_ONLY);
		await expect(page.getByRole('button', { name: 'Save the meeting' })).toBeDisabled();

		await page.goto('/organisations');
		await expect(page.getByTestId('organisation-row').filter({ hasText: 'UNHCR' })).toBeVisible();
		await expect(page.getByTestId('organisations-read-only')).toHaveText(
			'Only coordinators add and rename organisations; you can read the list.'
		);
		await expect(page.getByRole('button', { name: 'Save the organisation' })).toBeDisabled();

		await page.goto('/report?from=2016-01-01&to=2016-12-31');
		await expect(page.locator('[data-testid="report-row"][data-number="1.1"]')).toBeVisible();
	});
});

test('a meeting text that exists only in another language is shown in it, marked', async ({
	page
}) => {
	await ready(page, '/meetings/meeting-integration-3');
	// The demo meeting is whole in every language: no marker.
	await expect(page.getByTestId('meeting-title')).toContainText('Securing the social and economic');
	await expect(page.getByTestId('meeting-title')).not.toContainText('(in ');
	await page.getByRole('button', { name: 'Azərbaycanca', exact: true }).click();
	await expect(page.getByTestId('meeting-title')).toContainText(
		'Qaçqın statusu almış şəxslərin sosial-iqtisadi hüquqlarının'
	);
	await page.getByRole('button', { name: 'English', exact: true }).click();

	// A meeting recorded in English only, read in Russian: English text with a marker.
	await page.goto('/meetings/new');
	await page.getByLabel('Working group').selectOption({ label: 'Working group on reintegration' });
	await page.getByLabel('Meeting number').fill('6');
	await page.getByLabel('Theme').fill('Return counselling in Ganja');
	await page.getByRole('button', { name: 'Add an agenda item' }).click();
	await page.getByLabel('Agenda item').fill('Counselling desk');
	await page.getByRole('button', { name: 'Save the meeting' }).click();
	await expect(page.getByTestId('meeting-title')).toHaveText('Return counselling in Ganja');
	await page.getByRole('button', { name: 'Русский', exact: true }).click();
	await expect(page.getByTestId('meeting-title')).toContainText('Return counselling in Ganja');
	await expect(page.getByTestId('meeting-title').locator('.fallback')).toHaveText(
		'(на английском)'
	);
	await expect(page.getByTestId('agenda-item')).toContainText('(на английском)');
	await page.getByRole('button', { name: 'English', exact: true }).click();
});

test('a work-done note is shown as written, marked with its language for a reader of another', async ({
	page
}) => {
	await ready(page, '/measures/measure-1-4');
	const notes = page.getByTestId('measure-note');
	const azNote = notes.filter({ hasText: 'İsveçrə Federal Şurası' });
	const ruNote = notes.filter({ hasText: 'Подписано 4 соглашения' });
	// Read in English: both are in another language, each says which.
	await expect(azNote.getByTestId('written-in')).toHaveAttribute('title', 'Written in Azerbaijani');
	await expect(azNote.getByTestId('written-in')).toContainText('az');
	await expect(ruNote.getByTestId('written-in')).toHaveAttribute('title', 'Written in Russian');
	// Read in Azerbaijani: the Azerbaijani note needs no marker, the Russian one keeps its own.
	await page.getByRole('button', { name: 'Azərbaycanca', exact: true }).click();
	await expect(ruNote.getByTestId('written-in')).toHaveAttribute('title', 'Rusca yazılıb');
	await expect(azNote.getByTestId('written-in')).toHaveCount(0);
	await page.getByRole('button', { name: 'English', exact: true }).click();

	// An open decision carried over names its due date inside the line, in lower case.
	await page.goto('/meetings');
	await expect(page.getByTestId('followups-integration')).toContainText(', due ');
});

test('a meeting decision becomes a measure with the decision’s owner and due date', async ({
	page
}) => {
	test.setTimeout(120_000);
	const DECISION = 'Prepare a reintegration assistance guide as a first step';
	await ready(page, '/meetings/meeting-reintegration-5');
	const decision = page.getByTestId('decision').filter({ hasText: DECISION });
	await decision.getByRole('link', { name: 'Turn into a measure' }).click();

	await expect(page.getByRole('heading', { level: 1, name: 'New measure' })).toBeVisible();
	await expect(page.locator('#f-measure-title-en')).toHaveValue(DECISION);
	await expect(page.locator('#f-measure-title-ru')).toHaveValue(
		'Подготовить на начальном этапе руководство по содействию реинтеграции'
	);
	await expect(page.getByLabel('End date')).toHaveValue('31.12.2024');
	await expect(page.getByRole('checkbox', { name: 'ICMPD' })).toBeChecked();
	await page.getByRole('button', { name: 'Save', exact: true }).click();

	await expect(page.getByRole('heading', { level: 1 })).toContainText(DECISION);
	await expect(page.getByText('Responsible bodies').locator('..')).toContainText('ICMPD');
	await expect(page.getByText('Deadline', { exact: true }).locator('..')).toContainText(
		/Dec 31, 2024|31 Dec 2024/
	);
	// Past its deadline and not done: delayed, as the status rule says.
	await expect(page.getByText('Status', { exact: true }).locator('..')).toContainText('Delayed');
	await page.getByRole('link', { name: /Meeting 5/ }).click();
	await expect(decision.getByRole('link', { name: 'The measure made from it' })).toBeVisible();
	await expect(decision.getByRole('link', { name: 'Turn into a measure' })).toHaveCount(0);
	// The server takes both, the new measure and the meeting's link to it, with no button
	// pressed: a change saved online goes out a few seconds later.
	await expect(page.getByTestId('sync-status')).toContainText('All changes synced', {
		timeout: 20_000
	});
});

test('offline, a coordinator adds and renames an organisation; a name another body has is refused; it syncs and is offered as a responsible body', async ({
	page,
	context
}) => {
	test.setTimeout(120_000);
	await ready(page, '/organisations');
	await context.setOffline(true);
	const form = page.locator('form.organisation-form');
	await form
		.getByLabel('English')
		.first()
		.fill('State Migration Service of the Republic of Azerbaijan');
	await page.getByRole('button', { name: 'Save the organisation' }).click();
	await expect(page.locator('#f-org-name-en-error')).toHaveText(
		'Another organisation already has this name.'
	);

	await form.getByLabel('Azerbaijani').first().fill('Azərbaycan Qızıl Aypara Cəmiyyəti');
	await form.getByLabel('English').first().fill('Red Crescent Society of Azerbaijan');
	await form.getByLabel('Russian').first().fill('Общество Красного Полумесяца Азербайджана');
	await form.getByLabel('English').nth(1).fill('Red Crescent');
	await expect(page.locator('#f-org-name-en-error')).toHaveCount(0);
	await page.getByRole('button', { name: 'Save the organisation' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Saved on this device' })).toBeVisible();
	const row = page.getByTestId('organisation-row').filter({ hasText: 'Red Crescent Society' });
	await expect(row).toContainText('Saved on this device only');
	// The form is ready for the next one.
	await expect(form.getByLabel('English').first()).toHaveValue('');

	await row.getByRole('link').click();
	await page.locator('#f-org-shortName-en').fill('AzRCS');
	await page.getByRole('button', { name: 'Save the organisation' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Saved on this device' })).toBeVisible();
	await page.getByRole('link', { name: '← Back to organisations' }).click();
	await expect(row).toContainText('AzRCS');

	await context.setOffline(false);
	await expect(page.getByTestId('sync-status')).toContainText('All changes synced', {
		timeout: 20_000
	});
	await expect(row).not.toContainText('Saved on this device only');
	await page.goto('/measures/new');
	await expect(page.getByRole('checkbox', { name: 'AzRCS' })).toBeVisible();
});

test('the report prints on A4: chapters and rows, no navigation, rows kept whole', async ({
	page
}) => {
	await ready(page, '/report?from=2016-01-01&to=2016-12-31');
	await expect(page.locator('[data-testid="report-row"][data-number="2.1"]')).toBeVisible();
	await page.emulateMedia({ media: 'print' });

	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await expect(page.locator('.report .chapter')).not.toHaveCount(0);
	for (const n of ['1.1', '1.2', '1.4', '2.1']) {
		await expect(page.locator(`[data-testid="report-row"][data-number="${n}"]`)).toBeVisible();
	}
	await expect(page.locator('nav:visible')).toHaveCount(0);
	await expect(page.locator('.app-header')).toBeHidden();
	await expect(page.getByRole('button', { name: 'Print or save as PDF' })).toBeHidden();

	const styles = await page.evaluate(() => {
		const css = (selector: string) => {
			const el = document.querySelector(selector);
			return el ? getComputedStyle(el) : null;
		};
		return {
			row: css('[data-testid="report-row"]')?.breakInside,
			rowHead: css('[data-testid="report-row"] .head')?.breakAfter,
			note: css('[data-testid="report-note"]')?.breakInside,
			tableHead: css('.report thead')?.display,
			secondChapter: css('.report .chapter + .chapter')?.breakBefore,
			heading: css('.report h2')?.breakAfter
		};
	});
	expect(styles).toEqual({
		row: 'avoid',
		rowHead: 'avoid',
		note: 'avoid',
		tableHead: 'table-header-group',
		secondChapter: 'page',
		heading: 'avoid'
	});
	// And Chromium lays it out on A4 pages.
	const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
	expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
});

for (const [who, path] of [
	['coordinator', '/organisations'],
	['coordinator', '/meetings/meeting-integration-3'],
	['member', '/measures/measure-1-4'],
	['member', '/organisations']
] as const) {
	test.describe(`as ${who}`, () => {
		test.use({ demoUser: who });
		test(`has no serious or critical accessibility violations on ${path}`, async ({ page }) => {
			await ready(page, path);
			await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
			if (path === '/organisations' && who === 'coordinator') {
				// With errors on show: summary, aria-invalid and described-by must hold up too.
				await page.getByRole('button', { name: 'Save the organisation' }).click();
				await expect(page.getByRole('alert')).toBeVisible();
			}
			const results = await new AxeBuilder({ page }).analyze();
			const serious = results.violations.filter((v) =>
				['serious', 'critical'].includes(v.impact ?? '')
			);
			expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
		});
	});
}
