/** The device has no room left: the write was rolled back whole, nothing half-written. */
export class StorageFullError extends Error {
	constructor(cause: unknown) {
		super('The device storage is full', { cause });
		this.name = 'StorageFullError';
	}
}

/** True for IndexedDB's quota error however Dexie wrapped it. */
export function isQuotaError(error: unknown): boolean {
	let e: unknown = error;
	for (let depth = 0; e && depth < 4; depth += 1) {
		const name = (e as { name?: string }).name;
		if (name === 'QuotaExceededError' || name === 'QuotaExceeded') return true;
		e = (e as { inner?: unknown; cause?: unknown }).inner ?? (e as { cause?: unknown }).cause;
	}
	return false;
}
