import AxeBuilder from '@axe-core/playwright';
import { expect, newTablet, test, waitForOfflineReady } from './fixtures';

test.describe('the app shell', () => {
	// A tablet set up in Azerbaijani, as most caseworkers' are.
	test.use({ locale: 'az-AZ' });

	test('opens in Azerbaijani by default with the four areas in the navigation', async ({
		page
	}) => {
		await page.goto('/');
		const nav = page.getByRole('navigation', { name: 'Əsas naviqasiya' });
		await expect(nav.getByRole('link', { name: 'İcmal' })).toBeVisible();
		for (const area of ['Mənzil', 'Təhsil', 'Əmək bazarı', 'Mədəniyyətlərarası dialoq']) {
			await expect(nav.getByRole('link', { name: area })).toBeVisible();
		}
		await expect(page.locator('html')).toHaveAttribute('lang', 'az');
	});

	test('falls back to Azerbaijani when the browser speaks none of the three', async ({
		browser
	}) => {
		const context = await newTablet(browser, 'coordinator', { locale: 'fr-FR' });
		const page = await context.newPage();
		await page.goto('/meetings');
		await expect(page.getByRole('heading', { level: 1, name: 'İclaslar' })).toBeVisible();
		await context.close();
	});

	test('starts in the browser language when it is one Yol speaks', async ({ browser }) => {
		const context = await newTablet(browser, 'coordinator', { locale: 'ru-RU' });
		const page = await context.newPage();
		await page.goto('/measures');
		await expect(page.getByRole('heading', { level: 1, name: 'Мероприятия' })).toBeVisible();
		await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
		await context.close();
	});

	test('works offline after one visit, switches language offline and remembers it', async ({
		page,
		context
	}) => {
		await page.goto('/');
		await waitForOfflineReady(page);
		await context.setOffline(true);

		// Hard reloads of two different routes, one never visited online, render from the cache.
		await page.goto('/measures');
		await expect(page.getByRole('heading', { level: 1, name: 'Tədbirlər' })).toBeVisible();
		await expect(page.getByTestId('connection-status')).toHaveText('Oflayn');
		await page.goto('/areas/labour');
		await page.reload();
		await expect(
			page.getByRole('heading', { level: 1, name: 'Əmək bazarına çıxış imkanı' })
		).toBeVisible();

		// Switching is instant (no navigation) and changes <html lang>, still offline.
		await page.getByRole('button', { name: 'Русский', exact: true }).click();
		await expect(
			page.getByRole('heading', { level: 1, name: 'Доступ к рынку труда' })
		).toBeVisible();
		await expect(page.getByRole('navigation', { name: 'Основная навигация' })).toContainText(
			'Заседания'
		);
		await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
		await expect(page.getByTestId('connection-status')).toHaveText('Офлайн');

		await page.getByRole('button', { name: 'English', exact: true }).click();
		await expect(page.getByRole('link', { name: 'Meetings' })).toBeVisible();
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');

		await page.getByRole('button', { name: 'Azərbaycanca', exact: true }).click();
		await expect(page.getByRole('link', { name: 'İclaslar' })).toBeVisible();
		await expect(page.locator('html')).toHaveAttribute('lang', 'az');

		// The choice survives a reload, offline.
		await page.getByRole('button', { name: 'Русский', exact: true }).click();
		await page.reload();
		await expect(
			page.getByRole('heading', { level: 1, name: 'Доступ к рынку труда' })
		).toBeVisible();
		await expect(page.getByRole('button', { name: 'Русский', exact: true })).toHaveAttribute(
			'aria-pressed',
			'true'
		);
	});

	test('the keyboard reaches the skip link, the language switcher and the navigation', async ({
		page
	}) => {
		await page.goto('/');
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		await page.keyboard.press('Tab');
		await expect(page.getByRole('link', { name: 'Məzmuna keçid' })).toBeFocused();
		await page.keyboard.press('Enter');
		await expect(page.locator('main')).toBeFocused();

		// From the top of the page, Tab walks the header (the signed-in user's menu last) and then
		// the navigation, in reading order. "Sync now" takes focus once no sync is running (while
		// one runs it is disabled): the walk starts when the sync has settled.
		await page.goto('/');
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		await expect(page.getByRole('button', { name: 'İndi sinxronlaşdır' })).toBeEnabled({
			timeout: 60_000
		});
		const reached: string[] = [];
		for (let i = 0; i < 12; i += 1) {
			await page.keyboard.press('Tab');
			reached.push(await page.evaluate(() => document.activeElement?.textContent?.trim() ?? ''));
		}
		expect(reached.slice(0, 11)).toEqual([
			'Məzmuna keçid',
			'Y Yol Qaçqınların inteqrasiyası üzrə yol xəritəsi',
			// The sync panel's details button, named "Sinxronlaşdırma və yaddaş haqqında".
			'i',
			'İndi sinxronlaşdır',
			'AZ Azərbaycanca',
			'EN English',
			'RU Русский',
			'Leyla Əliyeva Koordinator',
			'İcmal',
			'Mənzil',
			'Təhsil'
		]);
		await page.keyboard.press('Shift+Tab');
		await expect(page.locator(':focus')).toBeVisible();
	});

	for (const path of ['/', '/areas/housing', '/meetings']) {
		test(`has no serious or critical accessibility violations on ${path}`, async ({ page }) => {
			await page.goto(path);
			await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
			const results = await new AxeBuilder({ page }).analyze();
			const serious = results.violations.filter((v) =>
				['serious', 'critical'].includes(v.impact ?? '')
			);
			expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
		});
	}

	test('touch targets in the header and navigation are at least 44 px high', async ({ page }) => {
		await page.goto('/');
		await expect(page.getByRole('link', { name: 'İcmal' })).toBeVisible();
		const heights = await page
			.locator('header a, header button, nav a')
			.evaluateAll((els) => els.map((el) => el.getBoundingClientRect().height));
		expect(heights.length).toBeGreaterThan(8);
		for (const h of heights) expect(h).toBeGreaterThanOrEqual(44);
	});
});
