import { describe, expect, it } from 'vitest';
import { BACKOFF_BASE_MS, BACKOFF_CAP_MS, backoffDelay } from './backoff';

describe('backoffDelay', () => {
	it('doubles from the base and stops at the cap', () => {
		const top = () => 1;
		expect(backoffDelay(1, top)).toBe(BACKOFF_BASE_MS);
		expect(backoffDelay(2, top)).toBe(BACKOFF_BASE_MS * 2);
		expect(backoffDelay(3, top)).toBe(BACKOFF_BASE_MS * 4);
		expect(backoffDelay(50, top)).toBe(BACKOFF_CAP_MS);
	});

	it('keeps at least half of the wait, whatever the jitter', () => {
		expect(backoffDelay(1, () => 0)).toBe(BACKOFF_BASE_MS / 2);
		expect(backoffDelay(99, () => 0)).toBe(BACKOFF_CAP_MS / 2);
		for (let i = 0; i < 100; i += 1) {
			const delay = backoffDelay(4);
			expect(delay).toBeGreaterThanOrEqual((BACKOFF_BASE_MS * 8) / 2);
			expect(delay).toBeLessThanOrEqual(BACKOFF_BASE_MS * 8);
		}
	});
});
