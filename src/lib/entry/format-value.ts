import type { Language } from '$lib/domain/languages';
import type { Unit } from '$lib/domain/units';
import { formatAmount, formatCurrency, formatNumber, formatPercent } from '$lib/i18n/format';

/** Words validateValue reads back as 1 and 0 in each language, so a saved answer re-reads. */
const YES_NO: Record<Language, [yes: string, no: string]> = {
	az: ['bəli', 'xeyr'],
	en: ['yes', 'no'],
	ru: ['да', 'нет']
};

/**
 * A stored number as text to put back into an input: no thousands grouping (so "1.250" can
 * never be re-read as 1,25) and the language's decimal mark, which validateValue accepts.
 * Manat amounts are the exception: grouped and with both decimals, as the facts above the field
 * show money ("63 000,00"); with two decimals after the last mark they cannot be misread.
 */
export function formatForInput(
	value: number | null | undefined,
	unit: Unit,
	lang: Language
): string {
	if (value === null || value === undefined) return '';
	if (unit === 'yes_no') return YES_NO[lang][value === 1 ? 0 : 1];
	if (unit === 'currency_azn') return formatAmount(value, lang);
	// Azerbaijani from the English pattern: some browsers lack its locale data (see i18n/format).
	const plain = new Intl.NumberFormat(lang === 'az' ? 'en' : lang, {
		useGrouping: false,
		maximumFractionDigits: 10
	}).format(value);
	return lang === 'az' ? plain.replace('.', ',') : plain;
}

/** A value as a reader sees it in lists, totals and history: "45,5 %", "1 250", "12,00 ₼". */
export function formatValue(value: number | null | undefined, unit: Unit, lang: Language): string {
	if (value === null || value === undefined) return '—';
	switch (unit) {
		case 'percent':
			return formatPercent(value, lang);
		case 'currency_azn':
			return formatCurrency(value, lang);
		case 'yes_no':
			return YES_NO[lang][value === 1 ? 0 : 1];
		case 'rate':
			return formatNumber(value, lang, 2);
		default:
			return formatNumber(value, lang, 0);
	}
}
