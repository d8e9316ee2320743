/**
 * Set when the server told this device to wipe itself (wipe-order.ts): the app gives way to the
 * page saying the tablet's Yol data was removed (the root layout), so no screen reads on.
 */
export const deviceWiped = $state({ current: false });
