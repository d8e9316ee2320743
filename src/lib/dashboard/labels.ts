import type { LocalLocation } from '$lib/db/database';
import type { MonthRange } from '$lib/domain/dashboard/filters';
import type { Language } from '$lib/domain/languages';
import { pathLabel } from '$lib/domain/locations';
import { periodLabel } from '$lib/domain/periods';
import { t } from '$lib/i18n';

/** "January 2025 – November 2026", for titles, print headers and exports. */
export function rangeLabel(range: MonthRange, lang: Language): string {
	return `${periodLabel(range.from, lang)} – ${periodLabel(range.to, lang)}`;
}

/**
 * The place in view: the one chosen, else a scoped person's own places (named as theirs, so a
 * caseworker never reads "Whole country" above figures of their region only), else the country.
 */
export function placeLabel(
	place: LocalLocation | null,
	locations: readonly LocalLocation[],
	lang: Language,
	scope: readonly LocalLocation[] | null = null
): string {
	const label = (l: LocalLocation) => pathLabel(locations, l.id, lang);
	if (scope?.length)
		return t('dashboard:filters.your_places', { places: scope.map(label).join(', ') });
	return place ? label(place) : t('dashboard:filters.everywhere');
}
