/**
 * Small deterministic random numbers for demo data: the same seed gives the same sequence on
 * every device and in every test run (Math.random would not).
 */
export type Random = () => number;

/** mulberry32: a 32-bit generator, plenty for demo noise; returns numbers in [0, 1). */
export function seededRandom(seed: number): Random {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** FNV-1a: a stable 32-bit hash of a string, to derive seeds and ids from names. */
export function hash32(text: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i += 1) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return h >>> 0;
}

/** A uuid-shaped id that depends only on `key`, so a record keeps its id between runs. */
export function stableUuid(key: string): string {
	const hex = [0, 1, 2, 3].map((i) => hash32(`${i}:${key}`).toString(16).padStart(8, '0')).join('');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
