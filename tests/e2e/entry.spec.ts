import AxeBuilder from '@axe-core/playwright';
import { expect, test, waitForOfflineReady } from './fixtures';
import type { Page } from '@playwright/test';

// Starts in English; the Russian and Azerbaijani passes switch with the header's buttons.
test.use({ locale: 'en-US' });

/**
 * L1 is monthly and split by sex × age. June 2024 is before the demo data (2025–2026), so the
 * grid starts empty and no value is a tenfold jump from the month before (that has its own test);
 * the URL can name it although the period list only offers the last twelve months.
 */
const L1 = '/areas/labour/L1?location=dist-ganja&period=2024-06';
/** A month with demo values before it, for the tenfold-jump check. */
const L1_RECENT = '/areas/labour/L1?location=dist-ganja&period=2026-10';
/** E1 is a yearly percentage split by sex: the unit with a 0–100 rule. */
const E1 = '/areas/education/E1?location=dist-ganja&period=2026';

const VALUES: [sex: 'Female' | 'Male', age: string, value: string][] = [
	['Female', '0–17', '3'],
	['Female', '18–34', '4'],
	['Female', '35–59', '5'],
	['Female', '60 and over', '6'],
	['Male', '0–17', '7'],
	['Male', '18–34', '8'],
	['Male', '35–59', '9'],
	['Male', '60 and over', '2']
];

const LANGS = {
	en: {
		button: 'English',
		female1834: 'Female, 18–34',
		saved: 'Saved on this device',
		range: 'Enter a number from 0 to 100.',
		female: 'Female'
	},
	ru: {
		button: 'Русский',
		female1834: 'Женщины, 18–34',
		saved: 'Сохранено на этом устройстве',
		range: 'Введите число от 0 до 100.',
		female: 'Женщины'
	},
	az: {
		button: 'Azərbaycanca',
		female1834: 'Qadın, 18–34',
		saved: 'Bu cihazda saxlanılıb',
		range: '0 ilə 100 arasında ədəd daxil edin.',
		female: 'Qadın'
	}
} as const;

async function firstStartDone(page: Page): Promise<void> {
	await expect(page.getByTestId('first-start')).toHaveAttribute('data-state', 'ready', {
		timeout: 60_000
	});
}

/** The grid's state after the full set was entered, in one language. */
async function expectSavedGrid(page: Page, lang: keyof typeof LANGS): Promise<void> {
	const l = LANGS[lang];
	const cell = page.getByRole('textbox', { name: l.female1834, exact: true });
	await expect(cell).toHaveValue('4');
	await expect(cell).toHaveAccessibleDescription(l.saved);
	await expect(page.getByTestId('total-female')).toHaveText('18');
	await expect(page.getByTestId('total-male')).toHaveText('26');
	await expect(page.getByTestId('total-18-34')).toHaveText('12');
	await expect(page.getByTestId('grand-total')).toHaveText('44');
}

/** 150 % is refused at the field, in the interface language, and the device keeps nothing. */
async function expectPercentRefused(page: Page, lang: keyof typeof LANGS): Promise<void> {
	const l = LANGS[lang];
	await page.goto(E1);
	const field = page.getByRole('textbox', { name: l.female, exact: true });
	await expect(field).toBeVisible();
	const before = await field.inputValue();
	await field.fill('150');
	await field.press('Enter');
	await expect(field).toHaveAttribute('aria-invalid', 'true');
	await expect(field).toHaveAccessibleDescription(new RegExp(`^${l.range}`));
	await expect(page.locator('.error', { hasText: l.range })).toBeVisible();
	// Leaving would lose the typed text, so the page asks first; accepting reloads the stored value.
	page.once('dialog', (dialog) => void dialog.accept());
	await page.reload();
	await expect(page.getByRole('textbox', { name: l.female, exact: true })).toHaveValue(before);
}

test('a caseworker enters a sex × age grid offline, in three languages', async ({
	page,
	context
}) => {
	test.setTimeout(120_000);
	await page.goto('/areas/labour');
	await waitForOfflineReady(page);
	await firstStartDone(page);
	// The browser was asked once to keep the data, and the answer is said in words.
	await expect(page.getByTestId('first-start')).toContainText(/This browser (will|did not|cannot)/);
	await context.setOffline(true);

	await page.goto(L1);
	await expect(page.getByRole('heading', { level: 1 })).toContainText('L1');
	await expect(page.getByLabel('Place')).toHaveValue('dist-ganja');
	await expect(page.getByLabel('Reporting period')).toHaveValue('2024-06');
	await expect(page.getByTestId('grand-total')).toHaveText('—');

	// Type a value and press Enter: saved, and the focus moves on to the next cell.
	const first = page.getByRole('textbox', { name: 'Female, 0–17', exact: true });
	await first.fill(VALUES[0]![2]);
	await first.press('Enter');
	for (const [sex, age, value] of VALUES.slice(1)) {
		const field = page.getByRole('textbox', { name: `${sex}, ${age}`, exact: true });
		await expect(field).toBeFocused();
		await page.keyboard.type(value);
		await page.keyboard.press(age === '60 and over' && sex === 'Male' ? 'Tab' : 'Enter');
	}
	for (const [sex, age, value] of VALUES) {
		const field = page.getByRole('textbox', { name: `${sex}, ${age}`, exact: true });
		await expect(field).toHaveValue(value);
		await expect(field).toHaveAccessibleDescription('Saved on this device');
	}
	await expectSavedGrid(page, 'en');

	// A hard reload while offline: everything typed is still there, still marked as on the device.
	await page.reload();
	await expectSavedGrid(page, 'en');
	await expectPercentRefused(page, 'en');

	for (const lang of ['ru', 'az'] as const) {
		await page.goto(L1);
		await page.getByRole('button', { name: LANGS[lang].button }).click();
		await expect(page.locator('html')).toHaveAttribute('lang', lang);
		await expectSavedGrid(page, lang);
		await expectPercentRefused(page, lang);
	}
});

test('a tenfold jump is confirmed with a comment, which the history shows', async ({ page }) => {
	await page.goto(L1_RECENT);
	await firstStartDone(page);
	const field = page.getByRole('textbox', { name: 'Male, 35–59', exact: true });
	await field.fill('500');
	await field.press('Enter');

	const dialog = page.getByRole('alertdialog');
	await expect(dialog).toContainText('Check this value');
	await dialog.getByRole('button', { name: 'Save with comment' }).click();
	await expect(dialog).toContainText('Write a comment to confirm this value.');
	await dialog.getByLabel('Why did it change? (required)').fill('New reception centre opened');
	await dialog.getByRole('button', { name: 'Save with comment' }).click();
	await expect(dialog).toBeHidden();
	await expect(field).toHaveValue('500');
	await expect(field).toHaveAccessibleDescription('Saved on this device');

	await page.getByRole('button', { name: 'History of Male, 35–59' }).click();
	const history = page.getByRole('dialog', { name: 'History: Male, 35–59' });
	await expect(history).toContainText('→ 500');
	await expect(history).toContainText('New reception centre opened');
	await expect(history).toContainText('this device');
	await history.getByRole('button', { name: 'Close' }).click();

	// A comment of its own, on another cell, kept with the value.
	await page.getByRole('button', { name: 'Comment on Female, 0–17' }).click();
	const comment = page.getByRole('dialog', { name: 'Comment on Female, 0–17' });
	await comment.getByRole('textbox').fill('Counted at the Ganja office');
	await comment.getByRole('button', { name: 'Save comment' }).click();
	await expect(comment).toBeHidden();
	await expect(page.getByRole('button', { name: 'Comment on Female, 0–17' })).toHaveAttribute(
		'title',
		'Counted at the Ganja office'
	);

	// Read in Azerbaijani, the English comment is shown as typed and marked with its language.
	await page.getByRole('button', { name: LANGS.az.button }).click();
	await page.getByRole('button', { name: 'Şərh: Qadın, 0–17' }).click();
	const read = page.getByRole('dialog', { name: 'Şərh: Qadın, 0–17' });
	await expect(read.getByRole('textbox')).toHaveValue('Counted at the Ganja office');
	await expect(read).toContainText('Başqa dildə yazılıb');
	await expect(read.getByTestId('written-in')).toHaveAttribute('title', 'İngiliscə yazılıb');
});

test('a full device keeps the typed text and says nothing was saved', async ({ page }) => {
	await page.goto(L1);
	await firstStartDone(page);
	const field = page.getByRole('textbox', { name: 'Male, 18–34', exact: true });
	await expect(field).toBeVisible();
	// The disk fills up: IndexedDB refuses writes the way it does when the quota is reached.
	await page.evaluate(() => {
		const put = IDBObjectStore.prototype.put;
		const w = window as unknown as { diskFull: boolean };
		w.diskFull = true;
		IDBObjectStore.prototype.put = function (...args: Parameters<typeof put>) {
			if (w.diskFull) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
			return put.apply(this, args);
		};
	});
	await field.fill('12');
	await field.press('Enter');
	const message =
		'This device is out of space: nothing was saved. Free space or sync, then try again.';
	await expect(page.getByRole('alert')).toHaveText(message);
	await expect(field).toHaveValue('12');
	await expect(field).toHaveAccessibleDescription(/Not saved: device full/);

	// With room again, leaving the field saves what was kept in it.
	await page.evaluate(() => ((window as unknown as { diskFull: boolean }).diskFull = false));
	await field.focus();
	await field.press('Enter');
	await expect(field).toHaveAccessibleDescription('Saved on this device');
	await expect(page.getByRole('alert')).toHaveCount(0);
});

test('a computed indicator is read-only and shows its formula and value', async ({ page }) => {
	await page.goto('/areas/education/E7?location=dist-ganja&period=2026Q3');
	await firstStartDone(page);
	await expect(page.getByText('Computed indicator')).toBeVisible();
	await expect(page.getByText(/^Numerator: .*\(E5\)$/)).toBeVisible();
	await expect(page.getByTestId('computed-value')).toHaveText(/\d%$/);
	await expect(page.getByRole('textbox')).toHaveCount(0);
});

test('the area list and the entry page have no serious or critical accessibility violations', async ({
	page
}) => {
	for (const path of ['/areas/labour', L1]) {
		await page.goto(path);
		await firstStartDone(page);
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		await expect(page.getByText('Loading…')).toHaveCount(0);
		const results = await new AxeBuilder({ page }).analyze();
		const serious = results.violations.filter((v) =>
			['serious', 'critical'].includes(v.impact ?? '')
		);
		expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
	}
});
