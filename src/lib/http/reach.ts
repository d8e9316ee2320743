/**
 * Whether Yol's server answered the last request made to it. The browser's `navigator.onLine`
 * only knows whether some network is there: on a tablet behind a dead 3G link or a captive
 * portal it says online while nothing gets through (and a page loaded from the service worker's
 * cache can start with it wrong), so every call to the server reports here how it went: an
 * answer of any status means reached, a request that failed without one means not.
 */
type Listener = (reached: boolean) => void;

const listeners = new Set<Listener>();

export function reportReach(reached: boolean): void {
	for (const listener of listeners) listener(reached);
}

export function onReach(listener: Listener): () => void {
	listeners.add(listener);
	return () => listeners.delete(listener);
}
