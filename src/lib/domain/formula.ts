/**
 * Computed indicators, as DHIS2 defines them: (numerator ÷ denominator) × factor, where the two
 * expressions combine other indicators, referenced by code as #{L3}, with + - * / and brackets.
 * Expressions are parsed into a tree and evaluated by walking it: never eval or Function, since
 * formulas arrive through sync from other devices.
 */
export interface Formula {
	numerator: string;
	/** "1" when the numerator alone is the value. */
	denominator: string;
	/** 100 for a percentage, 1000 for a rate per thousand, 1 otherwise. */
	factor: number;
}

export type Expr =
	| { kind: 'num'; value: number }
	| { kind: 'ref'; code: string }
	| { kind: 'neg'; operand: Expr }
	| { kind: 'bin'; op: '+' | '-' | '*' | '/'; left: Expr; right: Expr };

export type FormulaSyntaxCode =
	| 'unexpected_character'
	| 'unexpected_token'
	| 'unexpected_end'
	| 'unclosed_reference'
	| 'bad_reference'
	| 'empty';

export interface FormulaSyntaxError {
	code: FormulaSyntaxCode;
	/** 0-based index into the expression where the problem was found. */
	position: number;
	message: string;
}

export type ParseResult = { ok: true; expr: Expr } | { ok: false; error: FormulaSyntaxError };

type Token =
	| { type: 'num'; value: number; position: number }
	| { type: 'ref'; code: string; position: number }
	| { type: 'op'; op: '+' | '-' | '*' | '/' | '(' | ')'; position: number }
	| { type: 'end'; position: number };

class SyntaxProblem extends Error {
	constructor(
		readonly code: FormulaSyntaxCode,
		readonly position: number,
		message: string
	) {
		super(message);
	}
}

const CODE_CHARS = /^[A-Za-z0-9_]+$/;

function tokenize(source: string): Token[] {
	const tokens: Token[] = [];
	let i = 0;
	while (i < source.length) {
		const ch = source.charAt(i);
		if (/\s/.test(ch)) {
			i += 1;
		} else if ('+-*/()'.includes(ch)) {
			tokens.push({ type: 'op', op: ch as '+', position: i });
			i += 1;
		} else if (/[0-9.]/.test(ch)) {
			const match = /^(\d+(\.\d+)?|\.\d+)/.exec(source.slice(i));
			if (!match) throw new SyntaxProblem('unexpected_character', i, `Unexpected "${ch}"`);
			tokens.push({ type: 'num', value: Number(match[0]), position: i });
			i += match[0].length;
		} else if (ch === '#') {
			if (source.charAt(i + 1) !== '{') {
				throw new SyntaxProblem('bad_reference', i, 'A reference is written #{CODE}');
			}
			const close = source.indexOf('}', i + 2);
			if (close < 0) throw new SyntaxProblem('unclosed_reference', i, 'Missing "}"');
			const code = source.slice(i + 2, close).trim();
			if (!CODE_CHARS.test(code)) {
				throw new SyntaxProblem('bad_reference', i, `"${code}" is not an indicator code`);
			}
			tokens.push({ type: 'ref', code, position: i });
			i = close + 1;
		} else {
			throw new SyntaxProblem('unexpected_character', i, `Unexpected "${ch}"`);
		}
	}
	tokens.push({ type: 'end', position: source.length });
	return tokens;
}

/** Recursive descent over: expr = term (± term)*; term = unary (×÷ unary)*; unary = -unary | atom. */
class Parser {
	private index = 0;
	constructor(private readonly tokens: Token[]) {}

	private peek(): Token {
		return this.tokens[this.index] ?? this.tokens[this.tokens.length - 1]!;
	}

	private isOp(...ops: string[]): boolean {
		const token = this.peek();
		return token.type === 'op' && ops.includes(token.op);
	}

	private unexpected(): never {
		const token = this.peek();
		if (token.type === 'end') {
			throw new SyntaxProblem('unexpected_end', token.position, 'The expression ends too early');
		}
		const text =
			token.type === 'op' ? token.op : token.type === 'ref' ? `#{${token.code}}` : token.value;
		throw new SyntaxProblem('unexpected_token', token.position, `Unexpected "${text}"`);
	}

	parseAll(): Expr {
		if (this.peek().type === 'end') throw new SyntaxProblem('empty', 0, 'The expression is empty');
		const expr = this.expression();
		if (this.peek().type !== 'end') this.unexpected();
		return expr;
	}

	private expression(): Expr {
		let left = this.term();
		while (this.isOp('+', '-')) {
			const op = (this.tokens[this.index++] as { op: '+' | '-' }).op;
			left = { kind: 'bin', op, left, right: this.term() };
		}
		return left;
	}

	private term(): Expr {
		let left = this.unary();
		while (this.isOp('*', '/')) {
			const op = (this.tokens[this.index++] as { op: '*' | '/' }).op;
			left = { kind: 'bin', op, left, right: this.unary() };
		}
		return left;
	}

	private unary(): Expr {
		if (this.isOp('-')) {
			this.index += 1;
			return { kind: 'neg', operand: this.unary() };
		}
		return this.atom();
	}

	private atom(): Expr {
		const token = this.peek();
		if (token.type === 'num') {
			this.index += 1;
			return { kind: 'num', value: token.value };
		}
		if (token.type === 'ref') {
			this.index += 1;
			return { kind: 'ref', code: token.code };
		}
		if (this.isOp('(')) {
			this.index += 1;
			const inner = this.expression();
			if (!this.isOp(')')) this.unexpected();
			this.index += 1;
			return inner;
		}
		return this.unexpected();
	}
}

export function parseExpression(source: string): ParseResult {
	try {
		return { ok: true, expr: new Parser(tokenize(source)).parseAll() };
	} catch (error) {
		if (error instanceof SyntaxProblem) {
			return {
				ok: false,
				error: { code: error.code, position: error.position, message: error.message }
			};
		}
		throw error;
	}
}

const PRECEDENCE = { '+': 1, '-': 1, '*': 2, '/': 2 } as const;

/** Writes a tree back as text, with only the brackets its meaning needs. */
export function printExpression(expr: Expr): string {
	switch (expr.kind) {
		case 'num':
			return String(expr.value);
		case 'ref':
			return `#{${expr.code}}`;
		case 'neg':
			return expr.operand.kind === 'bin'
				? `-(${printExpression(expr.operand)})`
				: `-${printExpression(expr.operand)}`;
		case 'bin': {
			const level = PRECEDENCE[expr.op];
			const side = (child: Expr, needsAtSameLevel: boolean): string => {
				const text = printExpression(child);
				if (child.kind !== 'bin') return text;
				const childLevel = PRECEDENCE[child.op];
				return childLevel < level || (needsAtSameLevel && childLevel === level)
					? `(${text})`
					: text;
			};
			// Operators group to the left, so only the right side needs brackets at the same level.
			return `${side(expr.left, false)} ${expr.op} ${side(expr.right, true)}`;
		}
	}
}

function collectRefs(expr: Expr, into: Set<string>): void {
	if (expr.kind === 'ref') into.add(expr.code);
	else if (expr.kind === 'neg') collectRefs(expr.operand, into);
	else if (expr.kind === 'bin') {
		collectRefs(expr.left, into);
		collectRefs(expr.right, into);
	}
}

export function expressionReferences(expr: Expr): string[] {
	const codes = new Set<string>();
	collectRefs(expr, codes);
	return [...codes];
}

/** The codes a formula reads, each once, in order of first use; unparsable parts add none. */
export function formulaReferences(formula: Formula): string[] {
	const codes = new Set<string>();
	for (const source of [formula.numerator, formula.denominator]) {
		const parsed = parseExpression(source);
		if (parsed.ok) collectRefs(parsed.expr, codes);
	}
	return [...codes];
}

export type ValueOf = (code: string) => number | null | undefined;

/** The value of an expression; null when an input is missing or a division by zero occurs. */
export function evaluateExpression(expr: Expr, valueOf: ValueOf): number | null {
	switch (expr.kind) {
		case 'num':
			return expr.value;
		case 'ref': {
			const value = valueOf(expr.code);
			return typeof value === 'number' && Number.isFinite(value) ? value : null;
		}
		case 'neg': {
			const value = evaluateExpression(expr.operand, valueOf);
			return value === null ? null : -value;
		}
		case 'bin': {
			const left = evaluateExpression(expr.left, valueOf);
			const right = evaluateExpression(expr.right, valueOf);
			if (left === null || right === null) return null;
			if (expr.op === '+') return left + right;
			if (expr.op === '-') return left - right;
			if (expr.op === '*') return left * right;
			return right === 0 ? null : left / right;
		}
	}
}

/**
 * (numerator ÷ denominator) × factor. Null, never 0 or Infinity, when the formula does not parse,
 * an input is missing or the denominator is 0: a dashboard must show "no data", not a false zero.
 */
export function evaluateFormula(formula: Formula, valueOf: ValueOf): number | null {
	const numerator = parseExpression(formula.numerator);
	const denominator = parseExpression(formula.denominator);
	if (!numerator.ok || !denominator.ok) return null;
	const top = evaluateExpression(numerator.expr, valueOf);
	const bottom = evaluateExpression(denominator.expr, valueOf);
	if (top === null || bottom === null || bottom === 0) return null;
	const value = (top / bottom) * formula.factor;
	return Number.isFinite(value) ? value : null;
}

export type FormulaProblem =
	| { part: 'numerator' | 'denominator'; kind: 'syntax'; error: FormulaSyntaxError }
	| { part: 'numerator' | 'denominator'; kind: 'unknown_code'; code: string }
	| { part: 'factor'; kind: 'bad_factor'; factor: number };

/** Everything wrong with a formula, for the catalogue editor; an empty list means it is usable. */
export function checkFormula(formula: Formula, knownCodes: Iterable<string>): FormulaProblem[] {
	const known = new Set(knownCodes);
	const problems: FormulaProblem[] = [];
	for (const part of ['numerator', 'denominator'] as const) {
		const parsed = parseExpression(formula[part]);
		if (!parsed.ok) {
			problems.push({ part, kind: 'syntax', error: parsed.error });
			continue;
		}
		for (const code of expressionReferences(parsed.expr)) {
			if (!known.has(code)) problems.push({ part, kind: 'unknown_code', code });
		}
	}
	if (!Number.isFinite(formula.factor) || formula.factor === 0) {
		problems.push({ part: 'factor', kind: 'bad_factor', factor: formula.factor });
	}
	return problems;
}
