import { ONGOING } from '$lib/domain/measures';
import type { Language } from '$lib/domain/languages';
import { periodLabel } from '$lib/domain/periods';
import type { ReportFigure, ReportPeriod } from '$lib/domain/report';
import type { PickedText } from '$lib/domain/text';
import type { Unit } from '$lib/domain/units';
import { formatValue } from '$lib/entry/format-value';
import { formatDate } from '$lib/i18n/format';
import { t } from '$lib/i18n';

/** The words of the report, shared by the page and the .docx, so both say the same. */

export function periodWords(period: ReportPeriod, lang: Language): string {
	const year = period.from.slice(0, 4);
	if (period.from === `${year}-01-01` && period.to === `${year}-12-31`) {
		return periodLabel(year, lang);
	}
	return t('report:range', {
		from: formatDate(period.from, lang, 'long'),
		to: formatDate(period.to, lang, 'long')
	});
}

export function reportTitle(period: ReportPeriod, lang: Language): string {
	return t('report:title', { period: periodWords(period, lang) });
}

/** The text, and " (in English)" when it stands in for the reader's language. */
export function withMarker(text: PickedText): string {
	return text.fallback ? `${text.text} ${t(`fallback.${text.lang}`)}` : text.text;
}

export function deadlineWords(deadline: string, lang: Language): string {
	return deadline === ONGOING ? t('measures:ongoing') : formatDate(deadline, lang);
}

export function figureWords(figure: ReportFigure | null, unit: Unit, lang: Language): string {
	if (!figure) return t('report:no_value');
	// The dashboard's formatter, so a share reads "45,5%" / "45,5 %" / "45.5%" in both places.
	return `${formatValue(figure.value, unit, lang)} (${periodLabel(figure.period, lang, 'short')})`;
}
