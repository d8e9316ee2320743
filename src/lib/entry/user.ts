import { deviceId } from '$lib/db/device';
import type { YolDatabase } from '$lib/db/database';

/**
 * Who is recorded as having made a change (`updatedBy`, history "who"). There are no accounts
 * yet, so it is this device's id: honest about what is known, and stable across sessions. When
 * sign-in lands, this is the one place to return the user's id instead.
 */
export function currentUserLabel(db: YolDatabase): Promise<string> {
	return deviceId(db);
}
