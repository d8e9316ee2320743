import * as v from 'valibot';
import { DeviceNameSchema } from '$lib/domain/sync/protocol';
import type { YolDatabase } from './database';
import { DEVICE_NAME_KEY } from './device';

// Apart from device.ts, which the app shell loads: this brings the schema with it, and only the
// setting's form needs it.

/**
 * Names this device (an empty name takes the name away). Checked by the push's own schema, so
 * a name kept here is one the server takes; it goes with the next push.
 */
export async function setDeviceName(db: YolDatabase, name: string): Promise<string> {
	const checked = v.parse(DeviceNameSchema, name);
	if (checked === '') await db.meta.delete(DEVICE_NAME_KEY);
	else await db.meta.put({ key: DEVICE_NAME_KEY, value: checked });
	return checked;
}
