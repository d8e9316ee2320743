import { expect, newTablet, test } from './fixtures';
import type { BrowserContext, Page } from '@playwright/test';
import { CELL, conflictCount, enter, openTablet as openOn, syncNow } from './sync-helpers';

// Two tablets against one server. A place and month without demo data, so each test starts
// from an empty cell and no entry is a tenfold jump.
test.use({ locale: 'en-US' });

const CELL_URL = '/areas/labour/L1?location=dist-shaki&period=2024-05';
const openTablet = (context: BrowserContext, url = CELL_URL) => openOn(context, url);

test('a value typed offline reaches the server by itself once back online, and the other tablet gets it', async ({
	browser
}) => {
	const a = await newTablet(browser, 'coordinator', { locale: 'en-US' });
	const b = await newTablet(browser, 'coordinator', { locale: 'en-US' });
	const tabletA = await openTablet(a);
	const tabletB = await openTablet(b);

	await a.setOffline(true);
	await enter(tabletA, '17');
	await expect(tabletA.getByTestId('sync-status')).toContainText('1 change waiting to sync');
	await tabletA.reload();
	await expect(tabletA.getByRole('textbox', { name: CELL, exact: true })).toHaveValue('17');

	// No button pressed: coming back online is enough.
	await a.setOffline(false);
	const cellA = tabletA.getByRole('textbox', { name: CELL, exact: true });
	await expect(cellA).toHaveAccessibleDescription('Synced', { timeout: 15_000 });
	await expect(tabletA.getByTestId('sync-status')).toContainText('All changes synced');

	await syncNow(tabletB);
	await tabletB.reload();
	const cellB = tabletB.getByRole('textbox', { name: CELL, exact: true });
	await expect(cellB).toHaveValue('17');
	await expect(cellB).toHaveAccessibleDescription('Synced');
	await a.close();
	await b.close();
});

test('two tablets changing the same value offline: the first is kept, the second shows a conflict', async ({
	browser
}) => {
	const a = await newTablet(browser, 'coordinator', { locale: 'en-US' });
	const b = await newTablet(browser, 'coordinator', { locale: 'en-US' });
	const tabletA = await openTablet(a);
	const tabletB = await openTablet(b);
	const cellA = tabletA.getByRole('textbox', { name: CELL, exact: true });
	const cellB = tabletB.getByRole('textbox', { name: CELL, exact: true });

	// Both start from the same synced value.
	await enter(tabletA, '20');
	await syncNow(tabletA);
	await expect(cellA).toHaveAccessibleDescription('Synced');
	await syncNow(tabletB);
	await tabletB.reload();
	await expect(cellB).toHaveValue('20');

	await a.setOffline(true);
	await b.setOffline(true);
	await enter(tabletA, '21');
	await enter(tabletB, '22');

	await a.setOffline(false);
	await expect(cellA).toHaveAccessibleDescription('Synced', { timeout: 15_000 });
	await b.setOffline(false);
	await expect(cellB).toHaveAccessibleDescription('In conflict', { timeout: 15_000 });
	await expect(tabletB.getByTestId('sync-status')).toContainText('1 conflict to review');

	// The first edit stands on the server: a third look from tablet A after syncing again.
	await syncNow(tabletA);
	await tabletA.reload();
	await expect(cellA).toHaveValue('21');
	await a.close();
	await b.close();
});

test('two tablets offline: other edits reach both, the conflict is resolved on one and the other gets it', async ({
	browser
}) => {
	// Two first starts, two syncs each way and a review: longer than one tablet's test.
	test.setTimeout(180_000);
	// Another month than the tests above, so this one starts from empty cells too.
	const url = '/areas/labour/L1?location=dist-shaki&period=2024-07';
	const OTHER_A = 'Male, 18–34';
	const OTHER_B = 'Female, 35–59';
	const a = await newTablet(browser, 'coordinator', { locale: 'en-US' });
	const b = await newTablet(browser, 'coordinator', { locale: 'en-US' });
	const tabletA = await openTablet(a, url);
	const tabletB = await openTablet(b, url);
	const cellOn = (page: Page, name = CELL) => page.getByRole('textbox', { name, exact: true });
	// Coordinators see every open conflict, also those other tests in this run left behind.
	const before = await conflictCount(tabletA);

	await enter(tabletA, '20');
	await syncNow(tabletA);
	await syncNow(tabletB);
	await tabletB.reload();
	await expect(cellOn(tabletB)).toHaveValue('20');

	// Both offline: the same value changed differently, and one other value each.
	await a.setOffline(true);
	await b.setOffline(true);
	await enter(tabletA, '21');
	await enter(tabletA, '5', OTHER_A);
	await enter(tabletB, '22');
	await enter(tabletB, '7', OTHER_B);

	await a.setOffline(false);
	await expect(cellOn(tabletA)).toHaveAccessibleDescription('Synced', { timeout: 15_000 });
	await b.setOffline(false);
	await expect(cellOn(tabletB)).toHaveAccessibleDescription('In conflict', { timeout: 15_000 });
	await expect.poll(() => conflictCount(tabletB)).toBe(before + 1);

	// The edits that did not clash are on both tablets, synced.
	await syncNow(tabletA);
	for (const page of [tabletA, tabletB]) {
		await page.reload();
		// A reload on a busy tablet: give the grid its time to come back.
		await expect(cellOn(page, OTHER_A)).toHaveValue('5', { timeout: 20_000 });
		await expect(cellOn(page, OTHER_A)).toHaveAccessibleDescription('Synced');
		await expect(cellOn(page, OTHER_B)).toHaveValue('7');
		await expect(cellOn(page, OTHER_B)).toHaveAccessibleDescription('Synced');
	}
	// The tablet whose edit was kept hears of the conflict too, and its cell links to the review.
	await expect(cellOn(tabletA)).toHaveValue('21');
	await expect(cellOn(tabletA)).toHaveAccessibleDescription('In conflict');
	await expect.poll(() => conflictCount(tabletA)).toBe(before + 1);
	await expect(
		tabletA.getByRole('link', { name: `Review the conflict on ${CELL}`, exact: true })
	).toBeVisible();

	// Tablet B reviews it from the sync status: its own 22 against the kept 21.
	await tabletB.getByRole('link', { name: /conflicts? to review/ }).click();
	await expect(tabletB.getByRole('heading', { name: 'Conflicts to review' })).toBeVisible();
	const listed = tabletB.getByRole('link', {
		name: new RegExp(`^Review the conflict on ${CELL}, .+, July 2024$`)
	});
	await listed.click();
	const review = tabletB.getByTestId('conflict-review');
	await expect(review.getByRole('article', { name: 'Yours' })).toContainText('22', {
		timeout: 20_000
	});
	await expect(review.getByRole('article', { name: 'Theirs' })).toContainText('21');
	await expect(review.getByRole('article', { name: 'Theirs' })).toContainText('Kept by the server');

	// Neither is right: another value, checked like the grid, then confirmed in words.
	const other = review.getByRole('textbox', { name: 'Another value' });
	await other.fill('abc');
	await review.getByRole('button', { name: 'Use this value' }).click();
	await expect(other).toHaveAttribute('aria-invalid', 'true');
	await other.fill('23');
	await other.press('Enter');
	await expect(review.getByTestId('confirm-words')).toHaveText(
		/^23 will be kept for Female, 18–34, .+\. 22 will be replaced\. 21 will be replaced\.$/
	);
	await review.getByRole('button', { name: 'Confirm: keep 23' }).click();
	await expect(review.getByRole('status')).toContainText('Saved: 23 is kept');
	await syncNow(tabletB);
	await expect.poll(() => conflictCount(tabletB)).toBe(before);
	await tabletB.getByRole('link', { name: 'Back to the list' }).click();
	await expect(tabletB.getByRole('heading', { name: 'Conflicts to review' })).toBeVisible();
	await expect(listed).toHaveCount(0);
	if (before === 0) {
		await expect(tabletB.getByTestId('conflicts-empty')).toContainText('Nothing to review');
	}

	// The resolution reaches tablet A: the resolved value, synced, nothing left to review.
	await syncNow(tabletA);
	await tabletA.reload();
	await expect(cellOn(tabletA)).toHaveValue('23', { timeout: 20_000 });
	await expect(cellOn(tabletA)).toHaveAccessibleDescription('Synced');
	await expect.poll(() => conflictCount(tabletA)).toBe(before);
	await tabletB.goto(url);
	await expect(cellOn(tabletB)).toHaveValue('23', { timeout: 20_000 });
	await expect(cellOn(tabletB)).toHaveAccessibleDescription('Synced');
	await a.close();
	await b.close();
});
