import { session } from '$lib/auth/session.svelte';
import { deviceId } from '$lib/db/device';
import type { YolDatabase } from '$lib/db/database';

/**
 * Who is recorded as having made a change (`updatedBy`, history "who"): the signed-in user's
 * username (stable and unique; the server records its own copy from the session). The device id
 * only where nobody is signed in, which the app's start-up does not allow outside tests.
 */
export async function currentUserLabel(db: YolDatabase): Promise<string> {
	return session.actor?.username ?? deviceId(db);
}
