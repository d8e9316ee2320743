import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { SEED_INDICATORS } from '../../src/lib/domain/seed/catalogue';
import { generateDemoValues } from '../../src/lib/domain/seed/demo-values';
import { expect, test, waitForOfflineReady } from './fixtures';

const SEED_CODES = SEED_INDICATORS.map((indicator) => indicator.code);

test.use({ locale: 'en-US' });

/** This machine may be busy: reading and drawing local data gets this long before failing. */
const SLOW = { timeout: 20_000 };

/** Up to June 2026, so the figures do not move with the day the test runs. */
const VIEW = '/?to=2026-06';

const LANGS = {
	en: {
		button: 'English',
		title: 'Progress of the Roadmap',
		housing: 'Access to housing',
		asOf: /Data as of/,
		onTrack: 'On track',
		meeting: 'Meeting mode',
		start: /Start the presentation/,
		slide: 'Slide 1 of',
		latest: 'Latest value'
	},
	ru: {
		button: 'Русский',
		title: 'Ход выполнения Дорожной карты',
		housing: 'Доступ к жилью',
		asOf: /Данные/,
		onTrack: 'По плану',
		meeting: 'Режим заседания',
		start: /Начать показ/,
		slide: 'Слайд 1 из',
		latest: 'Последнее значение'
	},
	az: {
		button: 'Azərbaycanca',
		title: 'Yol xəritəsinin icrasında irəliləyiş',
		housing: 'Yaşayış sahəsi ilə təmin olunma imkanı',
		asOf: /Məlumatlar/,
		onTrack: 'Plana uyğun',
		meeting: 'İclas rejimi',
		start: /Təqdimatı başlat/,
		slide: 'Slayd 1 /',
		latest: 'Son dəyər'
	}
} as const;

async function firstStartDone(page: Page): Promise<void> {
	await expect(page.getByTestId('first-start')).toHaveAttribute('data-state', 'ready', {
		timeout: 60_000
	});
}

async function startOnline(page: Page): Promise<void> {
	await page.goto(VIEW);
	await waitForOfflineReady(page);
	await firstStartDone(page);
	await expect(page.locator('tr[data-indicator="H1"]')).toBeVisible(SLOW);
}

async function expectNoSeriousViolations(page: Page): Promise<void> {
	const results = await new AxeBuilder({ page }).analyze();
	const serious = results.violations.filter(
		(v) => v.impact === 'serious' || v.impact === 'critical'
	);
	expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
}

/** The national sum of a count indicator in one period, from the same demo data the server has. */
function demoSum(code: string, period: string): number {
	return generateDemoValues()
		.filter((v) => v.indicatorId === `ind-${code.toLowerCase()}` && v.period === period)
		.reduce((sum, v) => sum + (v.value ?? 0), 0);
}

test('the dashboard and meeting mode work offline in three languages', async ({
	page,
	context
}) => {
	test.setTimeout(240_000);
	await startOnline(page);
	await context.setOffline(true);

	for (const lang of ['en', 'ru', 'az'] as const) {
		const l = LANGS[lang];
		await page.goto(VIEW);
		await page.getByRole('button', { name: l.button, exact: true }).click();
		await expect(page.getByRole('heading', { level: 1, name: l.title })).toBeVisible();
		await expect(page.getByRole('heading', { level: 2, name: l.housing })).toBeVisible(SLOW);
		await expect(page.getByTestId('data-as-of')).toContainText(l.asOf);
		// Every indicator of the demo catalogue, once (earlier tests on this server may add more).
		await expect(page.locator(`tr[data-indicator="${SEED_CODES.at(-1)}"]`)).toHaveCount(1);
		const codes = await page
			.locator('tbody tr[data-indicator]')
			.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-indicator')));
		expect(codes).toEqual(expect.arrayContaining(SEED_CODES));
		expect(new Set(codes).size).toBe(codes.length);
		await expect(page.getByRole('columnheader', { name: l.latest }).first()).toBeVisible();

		// The status explains itself on tap (a disclosure), in words.
		const badge = page.locator('tr[data-indicator="L1"]').getByRole('button');
		await badge.click();
		await expect(badge).toHaveAttribute('aria-expanded', 'true');
		await expect(page.locator('#why-L1')).toBeVisible();
		if (lang === 'en') await expectNoSeriousViolations(page);

		// Meeting mode: the area slides, keyboard to move, "data as of" on the slide.
		await page.getByRole('link', { name: l.meeting }).click();
		await page.getByRole('button', { name: l.start }).click(SLOW);
		const deck = page.getByTestId('meeting-deck');
		await expect(deck).toBeVisible();
		await expect(page.getByTestId('slide-counter')).toContainText(l.slide);
		await expect(deck.getByRole('heading', { level: 2, name: l.housing })).toBeVisible();
		await expect(deck.getByTestId('data-as-of')).toContainText(l.asOf);
		await page.keyboard.press('ArrowRight');
		await expect(page.getByTestId('slide-counter')).toContainText(
			lang === 'az' ? 'Slayd 2 /' : lang === 'ru' ? 'Слайд 2 из' : 'Slide 2 of'
		);
		await page.keyboard.press('End');
		if (lang === 'en') await expectNoSeriousViolations(page);
		await page.keyboard.press('Home');
		await expect(page.getByTestId('slide-counter')).toContainText(l.slide);
		await page.keyboard.press('Escape');
		await expect(deck).toBeHidden();
	}
});

test('filters live in the URL and sort and narrow the overview', async ({ page }) => {
	test.setTimeout(120_000);
	await startOnline(page);
	await page.getByRole('combobox', { name: 'Status' }).selectOption('off_track');
	await expect(page).toHaveURL(/status=off_track/);
	const rows = page.locator('tbody tr[data-indicator]');
	await expect(rows.first()).toBeVisible();
	for (const status of await rows.evaluateAll((trs) => trs.map((tr) => tr.dataset['status']))) {
		expect(status).toBe('off_track');
	}
	// A bookmarked view opens as it was left.
	await page.goto('/?area=labour&location=reg-ganja-dashkasan&to=2026-06');
	await expect(page.getByRole('combobox', { name: 'Area' })).toHaveValue('labour', SLOW);
	await expect(page.locator('tbody tr[data-indicator^="H"]')).toHaveCount(0);
	await expect(page.locator('tbody tr[data-indicator="L1"]')).toBeVisible(SLOW);
});

test('a CSV export downloads the values in view, with a BOM and headers in the language', async ({
	page
}) => {
	test.setTimeout(120_000);
	await startOnline(page);
	await page.getByRole('button', { name: 'Русский', exact: true }).click();
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Скачать CSV' }).click()
	]);
	expect(download.suggestedFilename()).toBe('yol-dashboard.csv');
	const bytes = readFileSync((await download.path())!);
	expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
	const text = bytes.toString('utf8').slice(1);
	const lines = text.split('\r\n');
	expect(lines[0]).toContain('Код,Показатель,Направление');
	expect(lines[0]).toContain('Последнее значение');
	// The status comes with its reason in words, as the page gives it on tap.
	expect(lines[0]).toMatch(/,Статус,Почему такой статус$/);
	// A header, one line per indicator of the overview (the demo catalogue's among them), and the
	// final line break.
	const rows = lines.slice(1, -1);
	expect(lines.at(-1)).toBe('');
	expect(rows.map((line) => line.split(',')[0])).toEqual(expect.arrayContaining(SEED_CODES));
	expect(rows).toHaveLength(await page.locator('tbody tr[data-indicator]').count());
	// H2 (a quarterly count) in Q2 2026: the sum over every district of the demo data.
	const h2 = lines.find((line) => line.startsWith('H2,'))!;
	expect(h2).toContain(`,${demoSum('H2', '2026Q2')},`);
	// H1's baseline and target, with a "." decimal mark whatever the language.
	expect(lines.find((line) => line.startsWith('H1,'))).toMatch(/,38,2025-01-01,25,2027-12-31,/);
});

test('an indicator page draws its trend from local data, with tables for screen readers', async ({
	page,
	context
}) => {
	test.setTimeout(120_000);
	await startOnline(page);
	await context.setOffline(true);
	await page.locator('tr[data-indicator="L1"] a').click();
	await expect(page).toHaveURL(/\/indicators\/L1\?to=2026-06/);
	await expect(page.getByRole('heading', { level: 1 })).toContainText('L1', SLOW);
	await expect(page.getByRole('img', { name: /Trend of L1/ })).toBeVisible(SLOW);
	// chart.js drew into a sized box (a zero-width one would throw and draw nothing).
	await expect
		.poll(() =>
			page
				.locator('.chart-box canvas')
				.first()
				.evaluate((c: HTMLCanvasElement) => c.width)
		)
		.toBeGreaterThan(100);
	await expect(page.getByTestId('disaggregation')).toContainText('18–34');
	await expect(page.getByRole('link', { name: 'Enter values for this indicator' })).toBeVisible();
	await expectNoSeriousViolations(page);
});

test('screenshots at tablet and projector sizes', async ({ page }, testInfo) => {
	test.setTimeout(150_000);
	await startOnline(page);
	for (const [width, height] of [
		[1024, 768],
		[800, 1280],
		[1920, 1080]
	] as const) {
		await page.setViewportSize({ width, height });
		await page.goto(VIEW);
		await expect(page.locator('tr[data-indicator="D9"]')).toBeVisible(SLOW);
		await page.screenshot({ path: testInfo.outputPath(`dashboard-${width}x${height}.png`) });
		await page.goto('/indicators/L1?to=2026-06');
		await expect(page.getByRole('img', { name: /Trend of L1/ })).toBeVisible(SLOW);
		await page.waitForTimeout(300);
		await page.screenshot({ path: testInfo.outputPath(`indicator-${width}x${height}.png`) });
		await page.goto('/meeting?to=2026-06');
		await page.getByRole('button', { name: /Start the presentation/ }).click();
		await expect(page.getByTestId('meeting-deck')).toBeVisible(SLOW);
		await page.keyboard.press('End');
		await page.screenshot({ path: testInfo.outputPath(`meeting-${width}x${height}.png`) });
		await page.keyboard.press('Escape');
	}
});
