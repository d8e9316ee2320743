/**
 * Runs `close` once when the process is asked to stop; returns a function that unregisters it.
 *
 * Under adapter-node (production) the adapter owns SIGTERM/SIGINT: it stops accepting requests,
 * lets those in flight finish, then emits `sveltekit:shutdown`. Closing the store there rather than
 * on the signal keeps those last requests working, and the closed pool lets the process exit.
 * Anywhere nobody else handles the signal (a plain Node script), this closes and exits itself.
 */
export function closeOnShutdown(close: () => Promise<void>): () => void {
	let closing: Promise<void> | undefined;
	const closeOnce = () => (closing ??= close().catch(report));

	const onShutdown = () => void closeOnce();
	const onSignal = (signal: NodeJS.Signals) => {
		if (process.listenerCount(signal) > 1) return;
		void closeOnce().then(() => process.exit(signal === 'SIGINT' ? 130 : 143));
	};

	process.once('sveltekit:shutdown', onShutdown);
	process.on('SIGTERM', onSignal);
	process.on('SIGINT', onSignal);
	return () => {
		process.off('sveltekit:shutdown', onShutdown);
		process.off('SIGTERM', onSignal);
		process.off('SIGINT', onSignal);
	};
}

function report(error: unknown): void {
	console.error('Yol: closing the store failed:', error);
}
