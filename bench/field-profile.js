// The field profile (issue 17): a low-cost tablet on a mobile link, applied to a real Chromium page
// through the DevTools protocol, as Lighthouse's mobile profile does. Any benchmark can run a page
// under it; loopback figures stay beside the field ones.
//
// Network emulation is per page target: requests the page makes (the sync engine runs in the page)
// are throttled; the service worker's own fetches are not, which matches a start from its cache.

/** Lighthouse's mobile profile: 150 ms round trip, 1.6 Mbps down, 750 kbps up, CPU 4× slower. */
export const FIELD_PROFILE = Object.freeze({
	name: 'field',
	latencyMs: 150,
	downloadBitsPerSecond: 1.6e6,
	uploadBitsPerSecond: 750e3,
	cpuSlowdown: 4
});

/** No throttling: the loopback figures. */
export const LOOPBACK_PROFILE = Object.freeze({
	name: 'loopback',
	latencyMs: 0,
	downloadBitsPerSecond: 0,
	uploadBitsPerSecond: 0,
	cpuSlowdown: 1
});

/** @typedef {typeof FIELD_PROFILE | typeof LOOPBACK_PROFILE} Profile */

/**
 * Puts `page` under `profile` (network and CPU, or only one of them) and returns its DevTools
 * session, on which the caller may listen for network events.
 * @param {import('@playwright/test').Page} page
 * @param {Profile} profile
 * @param {{ network?: boolean, cpu?: boolean }} [parts] which halves to apply (both by default)
 */
export async function applyProfile(page, profile, parts = {}) {
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Network.enable');
	if (parts.network !== false && profile.latencyMs > 0) {
		await cdp.send('Network.emulateNetworkConditions', {
			offline: false,
			latency: profile.latencyMs,
			// DevTools takes bytes per second.
			downloadThroughput: profile.downloadBitsPerSecond / 8,
			uploadThroughput: profile.uploadBitsPerSecond / 8
		});
	}
	if (parts.cpu !== false && profile.cpuSlowdown > 1) {
		await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpuSlowdown });
	}
	return cdp;
}

/**
 * Counts the bytes that crossed the wire (encoded: after compression, headers included) for the
 * page's requests whose URL contains `fragment`, and the bytes of their decoded bodies.
 * @param {import('@playwright/test').CDPSession} cdp a session with Network enabled
 * @param {string} fragment e.g. '/api/sync/pull'
 */
export function countWireBytes(cdp, fragment) {
	/** @type {Map<string, true>} */
	const watched = new Map();
	const totals = { requests: 0, wireBytes: 0, bodyBytes: 0 };
	cdp.on('Network.requestWillBeSent', (event) => {
		if (event.request.url.includes(fragment)) watched.set(event.requestId, true);
	});
	cdp.on('Network.dataReceived', (event) => {
		if (watched.has(event.requestId)) totals.bodyBytes += event.dataLength;
	});
	cdp.on('Network.loadingFinished', (event) => {
		if (!watched.delete(event.requestId)) return;
		totals.requests += 1;
		totals.wireBytes += event.encodedDataLength;
	});
	return totals;
}
