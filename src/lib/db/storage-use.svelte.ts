import { storageUse, type StorageUse } from '$lib/domain/storage-use';

/**
 * The device's storage use, read again after each sync round and when the panel opens: the
 * estimate is cheap, but it is a promise per call, so it is not polled.
 */
class DeviceStorage {
	use = $state<StorageUse | null>(null);

	async refresh(): Promise<void> {
		const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
		if (!storage?.estimate) return;
		try {
			this.use = storageUse(await storage.estimate());
		} catch {
			// Some private windows refuse the question; the panel then says nothing of storage.
		}
	}
}

export const deviceStorage = new DeviceStorage();
