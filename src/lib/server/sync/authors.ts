import type { Actor } from '../../domain/auth';
import type { ConflictRecord, ConflictSide } from '../../domain/sync/conflict';
import { selectIn } from '../db/bulk';
import type { Store } from '../db/store';

/**
 * Names a conflict's two versions for the people who review it: the author's name and
 * organisation (from the users table, by the user id the server stamped as `updatedBy`) and the
 * name its user gave the tablet. Stamped once, when the conflict is kept: a tablet then needs no
 * list of people to tell "Tural Quliyev, Ganja office tablet 2" from the other version, and sees
 * only the two names the conflict is about.
 */
export async function nameSides(
	tx: Store,
	record: ConflictRecord,
	pusher: { actor: Actor; deviceId: string; deviceName?: string }
): Promise<ConflictRecord> {
	const { actor } = pusher;
	const userIds = [record.yours.by, record.theirs.by].filter((id) => id && id !== actor.userId);
	const users = userIds.length
		? await selectIn<{ id: string; name: string; organisation: string }>(
				tx,
				'SELECT id, name, organisation FROM users WHERE id IN (?)',
				[],
				[...new Set(userIds)]
			)
		: [];
	const people = new Map(users.map((u) => [u.id, u]));
	people.set(actor.userId, {
		id: actor.userId,
		name: actor.name,
		organisation: actor.organisation
	});
	const deviceIds = [record.yours.deviceId, record.theirs.deviceId].filter(
		(id) => id && id !== pusher.deviceId
	);
	const devices = deviceIds.length
		? await selectIn<{ device_id: string; device_name: string | null }>(
				tx,
				'SELECT device_id, device_name FROM devices WHERE device_id IN (?)',
				[],
				[...new Set(deviceIds)]
			)
		: [];
	const deviceNames = new Map(devices.map((d) => [d.device_id, d.device_name ?? undefined]));
	if (pusher.deviceName) deviceNames.set(pusher.deviceId, pusher.deviceName);
	const named = (side: ConflictSide): ConflictSide => {
		const person = people.get(side.by);
		const deviceName = deviceNames.get(side.deviceId);
		return {
			...side,
			...(person ? { byName: person.name, byOrganisation: person.organisation } : {}),
			...(deviceName ? { deviceName } : {})
		};
	};
	return { ...record, yours: named(record.yours), theirs: named(record.theirs) };
}
