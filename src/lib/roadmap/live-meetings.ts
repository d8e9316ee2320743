import { localDb } from '$lib/db/database';
import { firstStart } from '$lib/db/first-start.svelte';
import { live } from '$lib/db/live.svelte';

/**
 * What the meeting screens read: every meeting (follow-ups and numbers span them all) and the
 * organisations that name their participants and owners. Read again once the first start is
 * done, and on every change. Call it while a component initialises.
 */
export function liveMeetings(deps: () => unknown = () => null) {
	const db = localDb();
	return live(
		() => ({ deps: deps(), ready: firstStart.ready }),
		async () => ({
			meetings: await db.meetings.toArray(),
			organisations: await db.organisations.toArray()
		})
	);
}
