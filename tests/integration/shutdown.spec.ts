import { afterEach, describe, expect, it, vi } from 'vitest';
import { closeOnShutdown } from '../../src/lib/server/shutdown';

describe('closeOnShutdown', () => {
	afterEach(() => {
		vi.restoreAllMocks();
	});

	it("closes once on adapter-node's sveltekit:shutdown, after requests have drained", async () => {
		const close = vi.fn(() => Promise.resolve());
		const stop = closeOnShutdown(close);
		process.emit('sveltekit:shutdown' as 'SIGTERM', 'SIGTERM');
		process.emit('sveltekit:shutdown' as 'SIGTERM', 'SIGTERM');
		stop();
		await Promise.resolve();
		expect(close).toHaveBeenCalledOnce();
	});

	it('leaves SIGTERM to its other handler (adapter-node) instead of closing under requests', () => {
		const close = vi.fn(() => Promise.resolve());
		const exit = vi.spyOn(process, 'exit').mockImplementation(() => undefined as never);
		const other = () => undefined;
		process.on('SIGTERM', other);
		const stop = closeOnShutdown(close);
		process.emit('SIGTERM', 'SIGTERM');
		stop();
		process.off('SIGTERM', other);
		expect(close).not.toHaveBeenCalled();
		expect(exit).not.toHaveBeenCalled();
	});

	it('unregisters every listener it added', () => {
		const before = ['SIGTERM', 'SIGINT', 'sveltekit:shutdown'].map((e) => process.listenerCount(e));
		closeOnShutdown(() => Promise.resolve())();
		const after = ['SIGTERM', 'SIGINT', 'sveltekit:shutdown'].map((e) => process.listenerCount(e));
		expect(after).toEqual(before);
	});
});
