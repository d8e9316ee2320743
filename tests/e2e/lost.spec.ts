import { expect, newTablet, test } from './fixtures';
import { openTablet } from './sync-helpers';

// Issue #19 §3: an administrator marks a caseworker's tablet lost; its next sync wipes it.
test.use({ locale: 'en-US' });

test('a tablet marked lost wipes itself on its next sync: the wiped page, and no Yol data left', async ({
	browser
}) => {
	test.setTimeout(180_000);
	const tablet = await newTablet(browser, 'caseworker', { locale: 'en-US' });
	const page = await openTablet(tablet, '/');
	const before = await page.evaluate(async () =>
		(await indexedDB.databases()).map((db) => db.name)
	);
	expect(before.some((name) => name?.startsWith('yol-'))).toBe(true);

	// The administrator finds the tablet in the caseworker's devices (it synced last) and marks it.
	const admin = await newTablet(browser, 'admin', { locale: 'en-US' });
	const origin = new URL(test.info().project.use.baseURL ?? 'http://127.0.0.1').origin;
	const listed = await admin.request.get('/api/admin/users/demo-caseworker/devices');
	expect(listed.status()).toBe(200);
	const { devices } = (await listed.json()) as { devices: { deviceId: string; lostAt: null }[] };
	const device = devices[0]!;
	expect(device.lostAt).toBeNull();
	const marked = await admin.request.post(
		`/api/admin/users/demo-caseworker/devices/${device.deviceId}/lost`,
		{ data: { mode: 'wipe-now' }, headers: { Origin: origin } }
	);
	expect(marked.status()).toBe(200);

	await page.getByRole('button', { name: 'Sync now' }).click();
	await expect(page.getByTestId('device-wiped')).toBeVisible({ timeout: 30_000 });
	await expect(
		page.getByRole('heading', { name: "This tablet's Yol data was removed by your administrator" })
	).toBeVisible();
	// Nothing of Yol is left in the profile: no database, no cache, no stored keys.
	await expect
		.poll(() => page.evaluate(async () => (await indexedDB.databases()).map((db) => db.name)))
		.toEqual([]);
	const left = await page.evaluate(async () => ({
		caches: await caches.keys(),
		local: localStorage.length,
		session: sessionStorage.length
	}));
	expect(left).toEqual({ caches: [], local: 0, session: 0 });
	await tablet.close();
	await admin.close();
});
