/**
 * How much of the space the browser allows it Yol uses on this device, from
 * `navigator.storage.estimate()`. Past four fifths the sync panel warns in words: the next
 * download or a day of offline entry could fill the rest, and a full store refuses writes.
 */
export const STORAGE_WARN_SHARE = 0.8;

export interface StorageUse {
	usage: number;
	quota: number;
	/** usage / quota, 0–1. */
	share: number;
	high: boolean;
}

export function storageUse(
	estimate: { usage?: number; quota?: number } | null | undefined
): StorageUse | null {
	const usage = estimate?.usage;
	const quota = estimate?.quota;
	if (typeof usage !== 'number' || typeof quota !== 'number') return null;
	if (!Number.isFinite(usage) || !Number.isFinite(quota) || quota <= 0 || usage < 0) return null;
	const share = Math.min(1, usage / quota);
	return { usage, quota, share, high: share >= STORAGE_WARN_SHARE };
}

export type ByteUnit = 'kb' | 'mb' | 'gb';

/** A size in the unit a person reads at a glance: "840 KB", "12.4 MB", "2.1 GB" (1 KB = 1,000 B). */
export function byteSize(bytes: number): { amount: number; unit: ByteUnit } {
	if (bytes >= 1e9) return { amount: round(bytes / 1e9), unit: 'gb' };
	if (bytes >= 1e6) return { amount: round(bytes / 1e6), unit: 'mb' };
	return { amount: Math.max(bytes > 0 ? 1 : 0, Math.round(bytes / 1e3)), unit: 'kb' };
}

// Three significant figures at most, never more than one decimal: "12.4", "124", "1.2".
function round(n: number): number {
	return n >= 100 ? Math.round(n) : Math.round(n * 10) / 10;
}
