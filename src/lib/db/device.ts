import type { YolDatabase } from './database';

const DEVICE_KEY = 'device_id';
/** The name the user gave this tablet ("Ganja office tablet 2"), beside the id it names. */
export const DEVICE_NAME_KEY = 'device_name';

/** This device's id, made once and kept in its database; it names the device to the server. */
export async function deviceId(db: YolDatabase): Promise<string> {
	// Asked at the start of every sync round: once made, the id is read without a readwrite
	// transaction (which waits for every read of meta the screens have running).
	const known = await db.meta.get(DEVICE_KEY);
	if (typeof known?.value === 'string') return known.value;
	return db.transaction('rw', db.meta, async () => {
		const found = await db.meta.get(DEVICE_KEY);
		if (typeof found?.value === 'string') return found.value;
		const id = crypto.randomUUID();
		await db.meta.put({ key: DEVICE_KEY, value: id });
		return id;
	});
}

/**
 * Gives this device database a new id. Only after the server refused the old one as lost
 * (revoked by an administrator) and the user proved who they are with their password: the
 * pending changes then go out under the new id.
 */
export async function renewDeviceId(db: YolDatabase): Promise<string> {
	const id = crypto.randomUUID();
	await db.meta.put({ key: DEVICE_KEY, value: id });
	return id;
}

/** The name this device's user gave it, or undefined while it has none. */
export async function deviceName(db: YolDatabase): Promise<string | undefined> {
	const known = await db.meta.get(DEVICE_NAME_KEY);
	return typeof known?.value === 'string' && known.value !== '' ? known.value : undefined;
}

/** What a pull says of this device: its id and its unsynced changes (transport.ts). */
export async function deviceReport(db: YolDatabase): Promise<{ id: string; pending: number }> {
	return { id: await deviceId(db), pending: await db.outbox.count() };
}
