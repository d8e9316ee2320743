import type { ExportTable } from '$lib/dashboard/export';
import type { Language } from '$lib/domain/languages';
import { pathLabel } from '$lib/domain/locations';
import { t } from '$lib/i18n';
import type { ChecksData } from './load';
import { ruleText, violationText } from './words';

/** The checks page's list as a CSV/XLSX table: one row per broken rule, place and period. */
export function checksTable(data: ChecksData, period: string, lang: Language): ExportTable {
	return {
		name: `${t('checks:page.file')}-${period}`,
		headers: [
			'period',
			'place_id',
			'place',
			'indicator',
			'cell',
			'rule',
			'value',
			'limit',
			'message'
		].map((h) => t(`checks:csv.${h}`)),
		rows: data.violations.map((v) => {
			const rule = data.rules.find((r) => r.id === v.ruleId);
			return [
				v.period,
				v.locationId,
				pathLabel(data.locations, v.locationId, lang),
				data.indicators.find((i) => i.id === v.indicatorId)?.code ?? v.indicatorId,
				v.cell ?? 'total',
				rule ? ruleText(rule, data.indicators, lang) : v.ruleId,
				v.actual,
				v.limit,
				violationText(v, rule, lang)
			];
		})
	};
}
