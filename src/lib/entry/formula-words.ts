import type { Formula } from '$lib/domain/formula';

/** An expression as a person reads it: "#{E5} / #{E6}" → "Completed (E5) ÷ Enrolled (E6)". */
export function expressionInWords(expression: string, nameOf: (code: string) => string): string {
	return expression
		.replace(/#\{\s*([A-Za-z0-9_]+)\s*\}/g, (_, code: string) => `${nameOf(code)} (${code})`)
		.replace(/\s*\*\s*/g, ' × ')
		.replace(/\s*\/\s*/g, ' ÷ ')
		.trim();
}

export interface FormulaWords {
	numerator: string;
	/** null when the formula divides by 1, so nothing is said about it. */
	denominator: string | null;
	/** null when the factor is 1. */
	factor: number | null;
}

export function formulaInWords(formula: Formula, nameOf: (code: string) => string): FormulaWords {
	const denominator = formula.denominator.trim();
	return {
		numerator: expressionInWords(formula.numerator, nameOf),
		denominator: denominator === '1' ? null : expressionInWords(denominator, nameOf),
		factor: formula.factor === 1 ? null : formula.factor
	};
}
