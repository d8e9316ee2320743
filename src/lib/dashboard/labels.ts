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

export function placeLabel(
	place: LocalLocation | null,
	locations: readonly LocalLocation[],
	lang: Language
): string {
	return place ? pathLabel(locations, place.id, lang) : t('dashboard:filters.everywhere');
}
