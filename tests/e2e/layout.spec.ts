import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { SCREENS } from './screens';

/**
 * Every screen fits a 1024 × 768 tablet, landscape and portrait, in every language: nothing
 * runs off the right edge (a cut "On trac" or a menu item out of sight) and the header with the
 * main menu keeps to about a fifth of the height. Screenshots land in test-results/layout (or the
 * folder LAYOUT_SHOTS names) for a person to look at.
 */
const SIZES = [
	{ name: 'landscape', width: 1024, height: 768 },
	{ name: 'portrait', width: 768, height: 1024 }
];
const LANGUAGES = ['az', 'en', 'ru'] as const;
/** The header (brand, connection, sync, language, account), as a share of the screen's height. */
const MAX_HEADER_SHARE = 0.2;

interface Overflow {
	what: string;
	right: number;
}

/**
 * Elements whose box reaches past the right edge of the screen, or past the visible part of
 * a box that scrolls sideways (a table or the menu cut off, with only a scroll bar to say so).
 */
function overflows(page: Page): Promise<Overflow[]> {
	return page.evaluate(() => {
		const width = document.documentElement.clientWidth;
		const found: { what: string; right: number }[] = [];
		const name = (el: Element) =>
			`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''} "${(el.textContent ?? '').trim().slice(0, 40)}"`;
		if (document.documentElement.scrollWidth > width + 1) {
			found.push({
				what: 'the page scrolls sideways',
				right: document.documentElement.scrollWidth
			});
		}
		for (const el of document.querySelectorAll('body *')) {
			const style = getComputedStyle(el);
			if (style.display === 'none' || style.visibility === 'hidden') continue;
			if (el.closest('.visually-hidden, [role="note"], dialog:not([open])')) continue;
			const rect = el.getBoundingClientRect();
			if (rect.width === 0 || rect.height === 0) continue;
			if (rect.right > width + 1) found.push({ what: name(el), right: Math.round(rect.right) });
			if (
				(style.overflowX === 'auto' || style.overflowX === 'scroll') &&
				el.scrollWidth > el.clientWidth + 1
			) {
				found.push({ what: `${name(el)} scrolls sideways`, right: el.scrollWidth });
			}
		}
		return found.slice(0, 10);
	});
}

async function headerHeight(page: Page): Promise<number> {
	return page.evaluate(() => {
		return document.querySelector('.app-header')?.getBoundingClientRect().height ?? 0;
	});
}

/** Where the screenshots land: test-results/layout unless LAYOUT_SHOTS names another folder. */
const SHOTS = process.env.LAYOUT_SHOTS ?? 'test-results/layout';

type Size = (typeof SIZES)[number];

/** Visits `screens` in `lang` at `size`, screenshots each, and lists what overflows. */
async function layoutProblems(
	page: Page,
	lang: (typeof LANGUAGES)[number],
	size: Size,
	screens: readonly string[],
	who: string
): Promise<string[]> {
	await page.setViewportSize({ width: size.width, height: size.height });
	await page.addInitScript((l) => localStorage.setItem('yol.language', l), lang);
	await page.goto('/');
	await expect(page.getByTestId('first-start')).toHaveAttribute('data-state', 'ready', {
		timeout: 60_000
	});
	const problems: string[] = [];
	for (const path of screens) {
		await page.goto(path);
		await expect(page.locator('html')).toHaveAttribute('lang', lang);
		await expect(page.locator('main h1').first()).toBeVisible({ timeout: 20_000 });
		// Let live queries and charts settle before measuring.
		await page.waitForTimeout(400);
		const file = `${path === '/' ? 'dashboard' : path.slice(1).replace(/\//g, '_')}`;
		await page.screenshot({
			path: `${SHOTS}/${who}${lang}-${size.name}-${file}.png`,
			fullPage: false
		});
		for (const o of await overflows(page)) {
			problems.push(`${path}: ${o.what} reaches ${o.right} px of ${size.width}`);
		}
		const header = await headerHeight(page);
		if (header > size.height * MAX_HEADER_SHARE) {
			problems.push(`${path}: the header takes ${Math.round(header)} px of ${size.height}`);
		}
	}
	return problems;
}

for (const lang of LANGUAGES) {
	for (const size of SIZES) {
		test(`every screen fits ${size.width} × ${size.height} in ${lang}`, async ({ page }) => {
			test.setTimeout(180_000);
			expect(await layoutProblems(page, lang, size, SCREENS, '')).toEqual([]);
		});
	}
}

/**
 * A caseworker's screens carry labels a coordinator's do not ("No local target", their scope's
 * name in the filters): the longest languages, in portrait, where the room is narrowest.
 */
test.describe('as a caseworker', () => {
	test.use({ demoUser: 'caseworker' });
	const portrait = SIZES.find((s) => s.name === 'portrait')!;
	for (const lang of ['az', 'ru'] as const) {
		test(`a caseworker's screens fit ${portrait.width} × ${portrait.height} in ${lang}`, async ({
			page
		}) => {
			test.setTimeout(120_000);
			const screens = ['/', '/areas/housing', '/areas/housing/H1', '/indicators/H1', '/conflicts'];
			expect(await layoutProblems(page, lang, portrait, screens, 'caseworker-')).toEqual([]);
		});
	}
});
