import * as v from 'valibot';
import { expressionReferences, parseExpression } from '../formula';
import { fieldProblems, type Parsed } from '../indicators';

/**
 * Validation rules, as DHIS2 keeps them beside its data elements: the coordinator states what an
 * indicator's values must satisfy, and every device checks entries against it. A broken rule is
 * a warning to the person entering, never a refusal: the field knows things the rule does not.
 *
 * - `cells_sum`: the cells of a split indicator add up to the expression (its total elsewhere,
 *   "#{H2}");
 * - `at_most` / `at_least`: the indicator's value is ≤ (≥) the expression for the same place and
 *   period ("enrolled ≤ school-age": E5 at most #{E6});
 * - `change`: each cell moves by at most ±`percent` % from the previous period.
 *
 * Expressions are the formulas' own (formula.ts): codes as #{E6}, numbers, + - * / and brackets.
 */
export const RULE_KINDS = ['cells_sum', 'at_most', 'at_least', 'change'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

/** The kinds that compare with an expression (the others need none). */
export const EXPRESSION_KINDS: readonly RuleKind[] = ['cells_sum', 'at_most', 'at_least'];

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{1,63}$/;
const PERCENT_MAX = 10_000;

export const RuleSchema = v.pipe(
	v.object({
		id: v.pipe(v.string('id must be text'), v.regex(ID_PATTERN, 'id is not a valid id')),
		indicatorId: v.pipe(
			v.string('indicatorId must be text'),
			v.regex(ID_PATTERN, 'indicatorId is not a valid id')
		),
		kind: v.picklist(RULE_KINDS, `kind must be one of ${RULE_KINDS.join(', ')}`),
		/** Empty for `change`. */
		expression: v.pipe(
			v.string('expression must be text'),
			v.maxLength(500, 'expression is longer than 500 characters')
		),
		/** The allowed change in per cent, for `change`; null for the other kinds. */
		percent: v.nullable(
			v.pipe(
				v.number('percent must be a number'),
				v.finite('percent must be a number'),
				v.minValue(0, `percent must be from 0 to ${PERCENT_MAX}`),
				v.maxValue(PERCENT_MAX, `percent must be from 0 to ${PERCENT_MAX}`)
			)
		),
		/** What the rule is for, in the coordinator's words ("enrolled ≤ school-age"). */
		note: v.pipe(
			v.string('note must be text'),
			v.maxLength(200, 'note is longer than 200 characters')
		),
		/** Switched-off rules stay (and sync) but check nothing. */
		active: v.boolean('active must be true or false')
	}),
	v.forward(
		v.check(
			(r) => !EXPRESSION_KINDS.includes(r.kind) || parseExpression(r.expression).ok,
			(issue) => expressionMessage((issue.input as { expression: string }).expression)
		),
		['expression']
	),
	v.forward(
		v.check(
			(r) => EXPRESSION_KINDS.includes(r.kind) || r.expression.trim() === '',
			'expression must be empty for a change rule'
		),
		['expression']
	),
	v.forward(
		v.check(
			(r) => (r.kind === 'change') === (r.percent !== null),
			(issue) =>
				(issue.input as { kind: string }).kind === 'change'
					? 'percent is required for a change rule'
					: 'percent is only for a change rule'
		),
		['percent']
	)
);

function expressionMessage(source: string): string {
	const parsed = parseExpression(source);
	return parsed.ok
		? 'expression is invalid'
		: `expression: ${parsed.error.message} at position ${parsed.error.position + 1}`;
}

export type Rule = v.InferOutput<typeof RuleSchema>;

export function parseRule(input: unknown): Parsed<Rule> {
	const result = v.safeParse(RuleSchema, input);
	return result.success
		? { ok: true, value: result.output }
		: { ok: false, problems: fieldProblems(result.issues) };
}

/** The indicator codes a rule's expression reads (none for a change rule). */
export function ruleReferences(rule: Pick<Rule, 'kind' | 'expression'>): string[] {
	if (!EXPRESSION_KINDS.includes(rule.kind)) return [];
	const parsed = parseExpression(rule.expression);
	return parsed.ok ? expressionReferences(parsed.expr) : [];
}

/** The expression as a person reads it: "#{E6} * 1.1" → "E6 * 1.1". */
export function readableExpression(expression: string): string {
	return expression.replace(/#\{\s*([A-Za-z0-9_]+)\s*\}/g, '$1').trim();
}
