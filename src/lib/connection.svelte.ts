/** Whether the browser believes it has a network, kept current by online/offline events. */
class Connection {
	online = $state(true);

	constructor() {
		if (typeof window === 'undefined') return;
		this.online = navigator.onLine;
		window.addEventListener('online', () => (this.online = true));
		window.addEventListener('offline', () => (this.online = false));
	}
}

export const connection = new Connection();
