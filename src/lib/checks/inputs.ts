import type { Indicator } from '$lib/domain/indicators';
import { formulaReferences } from '$lib/domain/formula';
import { ruleReferences, type Rule } from '$lib/domain/rules/schema';

/**
 * The entered indicators a set of rules reads besides their own: those their expressions name,
 * and the inputs of computed ones among them (a rule may compare with a rate).
 */
export function ruleInputs<I extends Pick<Indicator, 'id' | 'code' | 'formula'>>(
	rules: readonly Rule[],
	indicators: readonly I[]
): I[] {
	const byCode = new Map(indicators.map((i) => [i.code, i]));
	const found = new Map<string, I>();
	const stack = rules.flatMap((r) => ruleReferences(r));
	while (stack.length) {
		const indicator = byCode.get(stack.pop()!);
		if (!indicator || found.has(indicator.id)) continue;
		found.set(indicator.id, indicator);
		if (indicator.formula) stack.push(...formulaReferences(indicator.formula));
	}
	return [...found.values()].filter((i) => !i.formula);
}
