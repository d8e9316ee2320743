import { LOST_STATUS, type LostAnswer } from '$lib/domain/devices';
import { deviceWiped } from './wiped.svelte';

/**
 * The one place that reads the server's word that this device was marked lost (issue #19 §3):
 * the sync transport, sendJson and the start-up session check all pass every answer through
 * `obeyWipeOrder`. A 410 whose body says `wipe: true` deletes Yol's data from this device
 * (wipe-device.ts, loaded only then) and shows the page saying so; `wipe: false` (marked lost,
 * its changes still to send) only refuses.
 */

/** The lost answer in `status` and `body`, or undefined when the answer is anything else. */
export function wipeOrder(status: number, body: unknown): LostAnswer | undefined {
	if (status !== LOST_STATUS || typeof body !== 'object' || body === null) return undefined;
	const { wipe, reason, error } = body as Record<string, unknown>;
	if (typeof wipe !== 'boolean') return undefined;
	const text = typeof reason === 'string' ? reason : typeof error === 'string' ? error : '';
	return { wipe, reason: text, error: text };
}

/** The device was marked lost: `wipe` tells whether its data is gone now. */
export class DeviceLostError extends Error {
	constructor(readonly order: LostAnswer) {
		super(order.reason || 'This device was marked lost by an administrator');
		this.name = 'DeviceLostError';
	}
}

/**
 * Reads an answer for the wipe order and obeys it; returns the order (so the caller stops), or
 * undefined for any other answer. Wiping twice (two answers at once) does the work once.
 */
export async function obeyWipeOrder(
	status: number,
	body: unknown
): Promise<LostAnswer | undefined> {
	const order = wipeOrder(status, body);
	if (order?.wipe) await wipeOnce();
	return order;
}

let wiping: Promise<void> | undefined;

function wipeOnce(): Promise<void> {
	deviceWiped.current = true;
	wiping ??= import('./wipe-device').then(({ wipeDevice }) => wipeDevice());
	return wiping;
}
