import { describe, expect, it } from 'vitest';
import { byteSize, storageUse } from './storage-use';

describe('storageUse', () => {
	it('warns from four fifths of the quota', () => {
		expect(storageUse({ usage: 79, quota: 100 })?.high).toBe(false);
		expect(storageUse({ usage: 80, quota: 100 })).toEqual({
			usage: 80,
			quota: 100,
			share: 0.8,
			high: true
		});
	});

	it('says nothing when the browser gives no usable estimate', () => {
		expect(storageUse(undefined)).toBeNull();
		expect(storageUse({})).toBeNull();
		expect(storageUse({ usage: 10, quota: 0 })).toBeNull();
		expect(storageUse({ usage: Number.NaN, quota: 100 })).toBeNull();
	});

	it('caps the share at the whole quota', () => {
		expect(storageUse({ usage: 120, quota: 100 })?.share).toBe(1);
	});
});

describe('byteSize', () => {
	it('picks the unit a person reads at a glance', () => {
		expect(byteSize(0)).toEqual({ amount: 0, unit: 'kb' });
		expect(byteSize(300)).toEqual({ amount: 1, unit: 'kb' });
		expect(byteSize(840_000)).toEqual({ amount: 840, unit: 'kb' });
		expect(byteSize(12_440_000)).toEqual({ amount: 12.4, unit: 'mb' });
		expect(byteSize(124_400_000)).toEqual({ amount: 124, unit: 'mb' });
		expect(byteSize(2_140_000_000)).toEqual({ amount: 2.1, unit: 'gb' });
	});
});
