import { expect, newTablet, test } from './fixtures';
import type { Page } from '@playwright/test';
import {
	CELL,
	cellOn,
	conflictCount,
	enter,
	nameTablet,
	openTablet,
	syncNow
} from './sync-helpers';

// Two caseworkers of one region, each on a tablet, meet a conflict: the people who meet them in
// the field. (sync.spec.ts uses two coordinators, who see every conflict whoever wrote it: that
// hid a conflict that never reached its authors, issue 23.) A place and month of their region
// that no other test edits, before the demo data: no entry is a tenfold jump.
test.use({ locale: 'en-US' });

const URL = '/areas/labour/L1?location=dist-ganja&period=2024-09';
const LISTED = new RegExp(`^Review the conflict on ${CELL}, .+, September 2024$`);

async function openConflicts(page: Page): Promise<void> {
	await page
		.getByTestId('sync-status')
		.getByRole('link', { name: /conflicts? to review/ })
		.click();
	await expect(page.getByRole('heading', { name: 'Conflicts to review' })).toBeVisible();
}

test('two caseworkers edit one value offline: both see the conflict, by name and tablet, and its resolution on one settles it on the other', async ({
	browser
}) => {
	test.setTimeout(180_000);
	const a = await newTablet(browser, 'caseworker', { locale: 'en-US' });
	const b = await newTablet(browser, 'caseworker2', { locale: 'en-US' });
	const tabletA = await openTablet(a, URL);
	const tabletB = await openTablet(b, URL);
	// Each names their tablet once, as a caseworker would.
	await nameTablet(tabletA, 'Ganja office tablet 1');
	await nameTablet(tabletB, 'Ganja office tablet 2');
	// The first caseworker may hold conflicts other tests left; the second has none but this one.
	const beforeA = await conflictCount(tabletA);
	expect(await conflictCount(tabletB)).toBe(0);

	await enter(tabletA, '20');
	await syncNow(tabletA);
	await syncNow(tabletB);
	await tabletB.reload();
	await expect(cellOn(tabletB)).toHaveValue('20', { timeout: 20_000 });

	await a.setOffline(true);
	await b.setOffline(true);
	await enter(tabletA, '21');
	await enter(tabletB, '22');
	await a.setOffline(false);
	await expect(cellOn(tabletA)).toHaveAccessibleDescription('Synced', { timeout: 15_000 });
	await b.setOffline(false);
	await expect(cellOn(tabletB)).toHaveAccessibleDescription('In conflict', { timeout: 15_000 });

	// The second caseworker's banner and list have it (they said "All changes synced" and
	// "Nothing to review" while conflicts were kept under usernames).
	await expect.poll(() => conflictCount(tabletB)).toBe(1);
	await openConflicts(tabletB);
	const listedB = tabletB.getByRole('link', { name: LISTED });
	await expect(listedB).toHaveCount(1);

	// The first caseworker hears of it too: banner, list and cell.
	await syncNow(tabletA);
	await expect.poll(() => conflictCount(tabletA)).toBe(beforeA + 1);
	await tabletA.goto(URL);
	await expect(cellOn(tabletA)).toHaveValue('21', { timeout: 20_000 });
	await expect(cellOn(tabletA)).toHaveAccessibleDescription('In conflict');
	await openConflicts(tabletA);
	const listedA = tabletA.getByRole('link', { name: LISTED });
	await expect(listedA).toHaveCount(1);
	// Which version is whose: the other caseworker by name and organisation, on their tablet.
	await listedA.click();
	const reviewA = tabletA.getByTestId('conflict-review');
	const theirsOnA = reviewA.getByRole('article', { name: 'Theirs' });
	await expect(theirsOnA).toContainText('22', { timeout: 20_000 });
	await expect(theirsOnA).toContainText('Aytən Məmmədova');
	await expect(theirsOnA).toContainText('on Ganja office tablet 2');
	await expect(reviewA.getByRole('article', { name: 'Yours' })).toContainText('this tablet');

	// The second caseworker resolves it: their own 22, against the first's 21 on tablet 1.
	await listedB.click();
	const review = tabletB.getByTestId('conflict-review');
	await expect(review.getByRole('article', { name: 'Yours' })).toContainText('22', {
		timeout: 20_000
	});
	const theirs = review.getByRole('article', { name: 'Theirs' });
	await expect(theirs).toContainText('21');
	await expect(theirs).toContainText('Tural Quliyev');
	await expect(theirs).toContainText('on Ganja office tablet 1');
	await review.getByRole('button', { name: 'Keep 22' }).click();
	await review.getByRole('button', { name: 'Confirm: keep 22' }).click();
	await expect(review.getByRole('status')).toContainText('Saved: 22 is kept');
	await syncNow(tabletB);
	await expect.poll(() => conflictCount(tabletB)).toBe(0);
	await tabletB.getByRole('link', { name: 'Back to the list' }).click();
	await expect(tabletB.getByTestId('conflicts-empty')).toContainText('Nothing to review');

	// On the first caseworker's tablet it is settled everywhere: banner, list and cell, also
	// after a reload (no "In conflict" left waiting for a record that never comes).
	await syncNow(tabletA);
	await expect.poll(() => conflictCount(tabletA)).toBe(beforeA);
	await tabletA.goto('/conflicts');
	await expect(tabletA.getByRole('heading', { name: 'Conflicts to review' })).toBeVisible();
	await expect(listedA).toHaveCount(0);
	await tabletA.goto(URL);
	await expect(cellOn(tabletA)).toHaveValue('22', { timeout: 20_000 });
	await expect(cellOn(tabletA)).toHaveAccessibleDescription('Synced');
	await tabletA.reload();
	await expect(cellOn(tabletA)).toHaveValue('22', { timeout: 20_000 });
	await expect(cellOn(tabletA)).toHaveAccessibleDescription('Synced');
	await expect.poll(() => conflictCount(tabletA)).toBe(beforeA);
	await a.close();
	await b.close();
});
