import type { BrowserContext, Page } from '@playwright/test';
import { DEMO_USERS, expect, newTablet, test, waitForOfflineReady } from './fixtures';

// Accounts on the device: the sign-in screen, one tablet shared by two people, a session that
// ends while offline, and the administrator's user management.
test.use({ locale: 'en-US', demoUser: 'none' });

const CELL = 'Female, 18–34';
const cellUrl = (period: string) => `/areas/labour/L1?location=dist-ganja&period=${period}`;

async function signIn(page: Page, username: string, password: string): Promise<void> {
	await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
	await page.getByLabel('Username').fill(username);
	await page.getByLabel('Password').fill(password);
	await page.getByRole('button', { name: 'Sign in', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeHidden();
}

/** Switches to English after a sign-in applied the user's own language (remembered for them). */
async function inEnglish(page: Page): Promise<void> {
	await page.getByRole('button', { name: 'English', exact: true }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
}

async function ready(page: Page): Promise<void> {
	await expect(page.getByTestId('first-start')).toHaveAttribute('data-state', 'ready', {
		timeout: 60_000
	});
	await expect(page.getByTestId('sync-status')).toContainText('All changes synced', {
		timeout: 60_000
	});
}

async function enter(page: Page, name: string, value: string): Promise<void> {
	const cell = page.getByRole('textbox', { name, exact: true });
	await cell.fill(value);
	await cell.press('Enter');
	await expect(cell).toHaveAccessibleDescription('Saved on this device');
}

async function openUserMenu(page: Page): Promise<void> {
	await page.getByTestId('user-menu').getByRole('button').first().click();
}

test('signing in through the screen: a wrong password in words, then the page wanted, in the user’s language', async ({
	page
}) => {
	await page.goto('/catalogue');
	await expect(page).toHaveURL(/\/signin\?next=%2Fcatalogue$/);
	// Nothing of the app shows before someone signs in.
	await expect(page.getByRole('navigation', { name: 'Main navigation' })).toHaveCount(0);

	await page.getByLabel('Username').fill('coordinator');
	await page.getByLabel('Password').fill('not-the-password');
	await page.getByRole('button', { name: 'Sign in', exact: true }).click();
	const password = page.getByLabel('Password');
	await expect(password).toHaveAccessibleDescription(
		'Wrong username or password. Check both and try again.'
	);
	await expect(password).toHaveAttribute('aria-invalid', 'true');
	await expect(password).toBeFocused();

	await page.getByLabel('Username').fill('coordinator');
	await password.fill(DEMO_USERS.coordinator.password);
	await page.getByRole('button', { name: 'Sign in', exact: true }).click();

	// Back on the page asked for, in the coordinator's preferred language (Azerbaijani).
	await expect(page).toHaveURL(/\/catalogue$/);
	await expect(page.locator('html')).toHaveAttribute('lang', 'az');
	const menu = page.getByTestId('user-menu');
	await expect(menu).toContainText('Leyla Əliyeva');
	await expect(menu).toContainText('Koordinator');
	// Only administrators see user management.
	await expect(page.getByRole('link', { name: 'İstifadəçilər' })).toHaveCount(0);
});

test('one tablet, two users: B never sees A’s unsynced value, even offline; A finds it again', async ({
	page,
	context
}) => {
	test.setTimeout(180_000); // three sign-ins, each downloading that user's data on first start
	await page.goto(cellUrl('2024-02'));
	await signIn(page, 'caseworker', DEMO_USERS.caseworker.password);
	await inEnglish(page);
	await ready(page);
	await waitForOfflineReady(page);
	await expect(page).toHaveURL(/dist-ganja/);

	// A (the caseworker) enters a value offline and signs out keeping it.
	await context.setOffline(true);
	await enter(page, CELL, '41');
	await expect(page.getByTestId('sync-status')).toContainText('1 change waiting to sync');
	await openUserMenu(page);
	await page.getByRole('button', { name: 'Sign out' }).click();
	const dialog = page.getByTestId('sign-out-dialog');
	await expect(dialog).toContainText('1 change has not reached the server.');
	await dialog.getByRole('button', { name: 'Keep them on this tablet and sign out' }).click();
	await expect(page).toHaveURL(/\/signin$/);

	// B has never signed in here: that needs a connection.
	await page.getByLabel('Username').fill('coordinator');
	await page.getByLabel('Password').fill(DEMO_USERS.coordinator.password);
	await page.getByRole('button', { name: 'Sign in', exact: true }).click();
	await expect(page.getByTestId('signin-error')).toHaveText(
		'Signing in needs a connection the first time. Connect to the internet and try again.'
	);

	await context.setOffline(false);
	await page.goto(cellUrl('2024-02'));
	await signIn(page, 'coordinator', DEMO_USERS.coordinator.password);
	await inEnglish(page);
	await ready(page);
	const cell = page.getByRole('textbox', { name: CELL, exact: true });
	await expect(cell).toHaveValue('');
	await expect(page.getByTestId('user-menu')).toContainText('Leyla Əliyeva');

	// Still nothing of A's after a reload with no connection.
	await context.setOffline(true);
	await page.reload();
	await expect(page.getByTestId('first-start')).toHaveAttribute('data-state', 'ready');
	await expect(cell).toHaveValue('');
	await expect(page.getByTestId('sync-status')).toContainText('All changes synced');

	// B signs out after a full sync; A signs back in and finds the value, which then syncs.
	await context.setOffline(false);
	await openUserMenu(page);
	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect(page.getByTestId('sign-out-dialog')).toContainText(
		'Everything you entered has reached the server.'
	);
	await page.getByRole('button', { name: 'Sign out and keep my copy' }).click();
	await expect(page).toHaveURL(/\/signin$/);

	await page.goto(cellUrl('2024-02'));
	await signIn(page, 'caseworker', DEMO_USERS.caseworker.password);
	await expect(page.locator('html')).toHaveAttribute('lang', 'en'); // A's own choice, kept
	await expect(cell).toHaveValue('41');
	await expect(cell).toHaveAccessibleDescription('Synced', { timeout: 15_000 });
});

async function revokeAsAdmin(context: BrowserContext, username: string): Promise<void> {
	const api = context.request;
	const login = await api.post('/api/auth/login', { data: DEMO_USERS.admin });
	expect(login.status()).toBe(200);
	const list = await api.get('/api/admin/users');
	const { users } = (await list.json()) as { users: { userId: string; username: string }[] };
	const user = users.find((u) => u.username === username);
	expect(user).toBeDefined();
	const revoked = await api.post(`/api/admin/users/${user!.userId}/revoke`);
	expect(revoked.status()).toBe(204);
}

test('a session that ends while offline: work goes on, the password is asked online, and everything syncs', async ({
	page,
	context,
	browser
}) => {
	test.setTimeout(120_000); // two tablets, each downloading its data on first start
	await page.goto(cellUrl('2024-03'));
	await signIn(page, 'caseworker', DEMO_USERS.caseworker.password);
	await inEnglish(page);
	await ready(page);
	await waitForOfflineReady(page);

	await context.setOffline(true);
	await enter(page, CELL, '12');

	// The tablet is declared lost meanwhile: every session and device of the caseworker revoked.
	const admin = await browser.newContext();
	await revokeAsAdmin(admin, 'caseworker');
	await admin.close();

	// Offline, nothing shows it: the caseworker keeps working.
	await enter(page, 'Male, 18–34', '13');
	await expect(page.getByTestId('sync-status')).toContainText('2 changes waiting to sync');

	await context.setOffline(false);
	const status = page.getByTestId('sync-status');
	await expect(status).toContainText('Sign in again to sync', { timeout: 15_000 });
	await expect(status).toContainText('2 changes waiting to sync');
	await status.getByRole('button', { name: 'Sign in' }).click();
	const username = page.getByRole('dialog').getByLabel('Username');
	await expect(username).toHaveValue('caseworker');
	await expect(username).toHaveAttribute('readonly', '');
	await page.getByRole('dialog').getByLabel('Password').fill(DEMO_USERS.caseworker.password);
	await page.getByRole('dialog').getByRole('button', { name: 'Sign in' }).click();

	await expect(status).toContainText('All changes synced', { timeout: 15_000 });
	const cell = page.getByRole('textbox', { name: CELL, exact: true });
	await expect(cell).toHaveAccessibleDescription('Synced');

	// The server has both: another tablet, signed in as the coordinator, receives them.
	const other = await newTablet(browser, 'coordinator', { locale: 'en-US' });
	const tablet = await other.newPage();
	await tablet.goto(cellUrl('2024-03'));
	await ready(tablet);
	await expect(tablet.getByRole('textbox', { name: CELL, exact: true })).toHaveValue('12');
	await expect(tablet.getByRole('textbox', { name: 'Male, 18–34', exact: true })).toHaveValue('13');
	await other.close();
});

test.describe('administration', () => {
	test.use({ demoUser: 'admin' });

	test('an administrator creates a user, with errors at the field, and that user signs in', async ({
		page,
		browser
	}) => {
		await page.goto('/');
		await page.getByRole('link', { name: 'Users' }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
		await expect(page.getByTestId('user-row-caseworker')).toContainText('Ganja-Dashkasan');

		await page.getByRole('button', { name: 'New user' }).click();
		const form = page.getByTestId('user-form');
		await form.getByLabel('Username').fill('aysel.k');
		await form.getByLabel('Organisation').fill('IOM Azerbaijan');
		await form.getByLabel('New password').fill('short');
		await form.getByRole('button', { name: 'Create user' }).click();
		await expect(form.getByLabel('Full name')).toHaveAccessibleDescription(
			"Enter the person's full name (at most 120 characters)."
		);
		await expect(form.getByLabel('New password')).toHaveAccessibleDescription(
			'The password needs at least 10 characters.'
		);

		await form.getByLabel('Full name').fill('Aysel Kərimova');
		await form.getByLabel('Role').selectOption('caseworker');
		await form.getByLabel('Only the places chosen below').check();
		await form.getByRole('checkbox', { name: 'Ganja-Dashkasan' }).check();
		await form.getByLabel('New password').fill('aysel-password-1');
		await form.getByRole('button', { name: 'Create user' }).click();
		await expect(
			page.getByRole('status').filter({ hasText: 'Aysel Kərimova was created' })
		).toBeVisible();
		const row = page.getByTestId('user-row-aysel.k');
		await expect(row).toContainText('Caseworker');
		await expect(row).toContainText('Ganja-Dashkasan');
		await expect(row).toContainText('Active');

		// The new user signs in on their own tablet.
		const tablet = await newTablet(browser, 'none', { locale: 'en-US' });
		const theirs = await tablet.newPage();
		await theirs.goto('/');
		await signIn(theirs, 'aysel.k', 'aysel-password-1');
		await expect(theirs.getByTestId('user-menu')).toContainText('Aysel Kərimova');
		await tablet.close();
	});

	test('user administration says plainly that it needs a connection', async ({ page, context }) => {
		await page.goto('/admin/users');
		await expect(page.getByTestId('user-row-admin')).toBeVisible();
		await waitForOfflineReady(page);
		await context.setOffline(true);
		await page.reload();
		await expect(page.getByTestId('admin-offline')).toContainText(
			'Managing users needs a connection to the server.'
		);
	});
});
