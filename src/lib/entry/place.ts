import { leaves, type Location } from '$lib/domain/locations';

/** The place chosen last on this device: the area list shows its values, the form opens on it. */
const PLACE_KEY = 'yol.entry.location';

export function rememberedPlace(): string | null {
	try {
		return localStorage.getItem(PLACE_KEY);
	} catch {
		return null;
	}
}

export function rememberPlace(id: string): void {
	try {
		localStorage.setItem(PLACE_KEY, id);
	} catch {
		// Private mode: the URL still carries the choice.
	}
}

/** The places values are entered for (districts and cities), never a region or the country. */
export function entryPlaces(locations: readonly Location[]): Location[] {
	return leaves(locations).filter((l) => l.level !== 'country');
}

/** Today in the device's own time zone, "YYYY-MM-DD": Baku's 1 January starts at 20:00 UTC. */
export function localToday(now: Date = new Date()): string {
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
