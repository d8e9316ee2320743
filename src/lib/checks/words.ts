import type { Indicator } from '$lib/domain/indicators';
import type { Language } from '$lib/domain/languages';
import type { Violation } from '$lib/domain/rules/evaluate';
import { readableExpression, type Rule } from '$lib/domain/rules/schema';
import { t } from '$lib/i18n';
import { formatNumber } from '$lib/i18n/format';

type Named = Pick<Indicator, 'id' | 'code'>;

/**
 * What a broken rule means, in the reader's language: "130 is more than E6 (120)". The numbers
 * are plain (a rule compares counts and rates alike); the cell is named by the caller.
 */
export function violationText(
	violation: Violation,
	rule: Pick<Rule, 'expression'> | undefined,
	lang: Language
): string {
	const n = (x: number) => formatNumber(x, lang);
	const expression = readableExpression(rule?.expression ?? '');
	if (violation.kind === 'change') {
		return t('checks:violation.change', {
			actual: n(violation.actual),
			previous: n(violation.limit),
			change: `${violation.change! > 0 ? '+' : ''}${formatNumber(violation.change!, lang, 1)}`,
			percent: formatNumber(violation.percent ?? 0, lang, 1)
		});
	}
	return t(`checks:violation.${violation.kind}`, {
		actual: n(violation.actual),
		limit: n(violation.limit),
		expression
	});
}

/** A rule in a sentence, for the list of rules: "E5 at most E6", "H3: change within ±20 %". */
export function ruleText(rule: Rule, indicators: readonly Named[], lang: Language): string {
	const code = indicators.find((i) => i.id === rule.indicatorId)?.code ?? rule.indicatorId;
	if (rule.kind === 'change') {
		return t('checks:rule.change', { code, percent: formatNumber(rule.percent ?? 0, lang, 1) });
	}
	return t(`checks:rule.${rule.kind}`, { code, expression: readableExpression(rule.expression) });
}
