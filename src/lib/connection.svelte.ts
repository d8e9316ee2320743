import { onReach } from '$lib/http/reach';

/**
 * Whether Yol can reach its server: the browser believes it has a network (kept current by
 * online/offline events) and the last request to the server got an answer. A failed request
 * makes it offline until one gets through or the browser reports a network again.
 */
class Connection {
	private browser = $state(true);
	private unreachable = $state(false);
	readonly online = $derived(this.browser && !this.unreachable);

	constructor() {
		if (typeof window === 'undefined') return;
		this.browser = navigator.onLine;
		window.addEventListener('online', () => {
			this.browser = true;
			this.unreachable = false;
		});
		window.addEventListener('offline', () => (this.browser = false));
		onReach((reached) => (this.unreachable = !reached));
	}
}

export const connection = new Connection();
