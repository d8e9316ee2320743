import type { Page } from '@playwright/test';
import { expect, newTablet, test, waitForOfflineReady } from './fixtures';

test.use({ locale: 'en-US', demoUser: 'caseworker' });

/** How many values of each place the signed-in user's database on this tablet holds. */
function valuesByPlace(page: Page): Promise<Record<string, number>> {
	return page.evaluate(
		() =>
			new Promise<Record<string, number>>((resolve, reject) => {
				const actor = JSON.parse(localStorage.getItem('yol.actor') ?? '{}') as { userId?: string };
				const open = indexedDB.open(`yol-u-${actor.userId}`);
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					// Both homes of a value (src/lib/db/value-packs.ts): the device's own, and the
					// server's packed by indicator and period; each value once.
					type Value = { id: string; locationId: string };
					const tx = open.result.transaction(['values', 'valuePacks']);
					const own = tx.objectStore('values').getAll();
					const packs = tx.objectStore('valuePacks').getAll();
					tx.onerror = () => reject(tx.error);
					tx.oncomplete = () => {
						const byId = new Map<string, Value>();
						for (const pack of packs.result as { values: Record<string, Value> }[]) {
							for (const v of Object.values(pack.values)) byId.set(v.id, v);
						}
						for (const v of own.result as Value[]) byId.set(v.id, v);
						const counts: Record<string, number> = {};
						for (const v of byId.values()) counts[v.locationId] = (counts[v.locationId] ?? 0) + 1;
						open.result.close();
						resolve(counts);
					};
				};
			})
	);
}

async function settled(page: Page): Promise<void> {
	await expect(page.getByTestId('first-start')).toHaveAttribute('data-state', 'ready', {
		timeout: 60_000
	});
	await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'idle', {
		timeout: 60_000
	});
}

test('a caseworker moved to another region: the tablet lets go of the old region’s values and gets the new one’s', async ({
	page,
	browser
}) => {
	test.setTimeout(180_000);
	await page.goto('/');
	await waitForOfflineReady(page);
	await settled(page);
	const before = await valuesByPlace(page);
	expect(before['dist-ganja']).toBeGreaterThan(0);
	expect(before['dist-yasamal']).toBeUndefined();

	const admin = await newTablet(browser, 'admin');
	const origin = new URL(page.url()).origin;
	const move = (locationIds: string[]) =>
		admin.request.patch('/api/admin/users/demo-caseworker', {
			data: { locationIds },
			headers: { Origin: origin }
		});
	try {
		expect((await move(['reg-baku'])).ok()).toBe(true);
		// The next sync (here: opening the app again) learns the new scope from the server.
		await page.reload();
		await settled(page);
		await expect.poll(async () => (await valuesByPlace(page))['dist-ganja'] ?? 0).toBe(0);
		const after = await valuesByPlace(page);
		expect(after['dist-yasamal']).toBeGreaterThan(0);
		expect(after['reg-ganja-dashkasan']).toBeUndefined();
	} finally {
		// The e2e server is shared: later tests expect the demo caseworker in Ganja-Dashkasan.
		expect((await move(['reg-ganja-dashkasan'])).ok()).toBe(true);
		await admin.close();
	}
});
