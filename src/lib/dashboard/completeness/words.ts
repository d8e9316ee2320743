import type { LocalLocation } from '$lib/db/database';
import type { Tally } from '$lib/domain/completeness/grid';
import { share } from '$lib/domain/completeness/grid';
import type { Language } from '$lib/domain/languages';
import { periodLabel } from '$lib/domain/periods';
import { pickText } from '$lib/domain/text';
import { t } from '$lib/i18n';
import { formatDate, formatPercent } from '$lib/i18n/format';

/** "Ganja-Dashkasan: 18 of 24 expected values for Q3 2026", in the reader's language. */
export function summaryLine(place: string, tally: Tally, period: string, lang: Language): string {
	return t('checks:completeness.summary', {
		place,
		complete: tally.complete,
		count: tally.expected,
		period: periodLabel(period, lang, 'short')
	});
}

export function shareText(tally: Tally, lang: Language): string {
	const s = share(tally);
	return s === null ? '—' : formatPercent(s * 100, lang, 0);
}

export function lastEntryText(tally: Tally, lang: Language): string {
	return tally.lastEntry
		? t('checks:completeness.last_entry', { date: formatDate(tally.lastEntry, lang) })
		: t('checks:completeness.no_entry');
}

export function placeName(locations: readonly LocalLocation[], id: string, lang: Language): string {
	const place = locations.find((l) => l.id === id);
	return place ? pickText(place.name, lang).text : id;
}
