import { session } from '$lib/auth/session.svelte';
import { deviceId } from '$lib/db/device';
import type { YolDatabase } from '$lib/db/database';

/**
 * Who is recorded as having made a change (`updatedBy`, history "who"): the signed-in user's id,
 * as the server knows them (it stamps the same id from the session on every change it applies,
 * whatever a device sends: a username here once kept conflicts from reaching their authors).
 * The device id only where nobody is signed in, which the app's start-up does not allow outside
 * tests.
 */
export async function currentUserLabel(db: YolDatabase): Promise<string> {
	return session.actor?.userId ?? deviceId(db);
}
