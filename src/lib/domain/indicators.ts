import * as v from 'valibot';
import type { Translated } from './text';
import { AREAS, AREA_PREFIX, areaOfCode } from './areas';
import { DIMENSIONS, isCellKey, isCellOfGrid } from './disaggregation';
import { parseExpression } from './formula';
import { PERIODICITIES, isPeriodId, matchesPeriodicity } from './periods';
import { LanguageCode } from './schema-parts';
import { UNITS, UNIT_MAX, type Unit } from './units';
import { checkValue } from './validation';
import { valueId } from './value-id';

/**
 * Schemas for the indicator catalogue and for the values entered against it. Both sides of sync
 * parse with these, so a record from another device is checked before it is stored or shown.
 */

export const DIRECTIONS = ['increase', 'decrease'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** Area letter and a number: H1, E12. */
export const INDICATOR_CODE_PATTERN = /^[HELD][1-9]\d{0,2}$/;
/** Device-made ids: a uuid, or a readable seed id such as "ind-h1". */
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{1,63}$/;

const Id = (field: string) =>
	v.pipe(v.string(`${field} must be text`), v.regex(ID_PATTERN, `${field} is not a valid id`));

export const TranslatedSchema = v.object({
	az: v.string('az must be text'),
	en: v.string('en must be text'),
	ru: v.string('ru must be text')
});

/**
 * Text shown like a name, in three languages. Records written before it was translated hold one
 * English string: read as English, so the other languages show it with the fallback marker.
 */
const TranslatedOrLegacy = (field: string) =>
	v.union(
		[
			TranslatedSchema,
			v.pipe(
				v.string(),
				v.transform((en): Translated => ({ az: '', en, ru: '' }))
			)
		],
		`${field} must be text in az, en and ru`
	);

/** A name in at least one language; the other two may wait for a translator. */
const NameSchema = v.pipe(
	TranslatedSchema,
	v.check(
		(t) => [t.az, t.en, t.ru].some((text) => text.trim() !== ''),
		'name is empty in all three languages'
	)
);

const Milestone = (field: string) =>
	v.nullable(
		v.object({
			value: v.pipe(
				v.number(`${field} value must be a number`),
				v.finite(`${field} value must be finite`)
			),
			date: v.pipe(v.string(), v.isoDate(`${field} date must be a date like 2027-12-31`))
		})
	);

/** A formula scales by 100 (a percentage) or 1,000 / 100,000 (a rate): a million is plenty. */
const FACTOR_MAX = 1_000_000;

/** A baseline or target is a value of the indicator's unit: within the same bounds. */
function milestoneInBounds(unit: Unit, milestone: { value: number } | null): boolean {
	return !milestone || (milestone.value >= 0 && milestone.value <= UNIT_MAX[unit]);
}

function milestoneBoundsMessage(field: string, input: unknown): string {
	const unit = (input as { unit: Unit }).unit;
	return `${field} value must be from 0 to ${UNIT_MAX[unit]} for the unit ${unit}`;
}

const FormulaSchema = v.pipe(
	v.object({
		numerator: v.string('numerator must be text'),
		denominator: v.string('denominator must be text'),
		factor: v.pipe(
			v.number('factor must be a number'),
			v.finite('factor must be finite'),
			v.minValue(-FACTOR_MAX, `factor must be from -${FACTOR_MAX} to ${FACTOR_MAX}`),
			v.maxValue(FACTOR_MAX, `factor must be from -${FACTOR_MAX} to ${FACTOR_MAX}`)
		)
	}),
	v.forward(
		v.check(
			(f) => parseExpression(f.numerator).ok,
			(issue) => syntaxMessage('numerator', issue.input)
		),
		['numerator']
	),
	v.forward(
		v.check(
			(f) => parseExpression(f.denominator).ok,
			(issue) => syntaxMessage('denominator', issue.input)
		),
		['denominator']
	),
	v.forward(
		v.check((f) => f.factor !== 0, 'factor must not be 0'),
		['factor']
	)
);

function syntaxMessage(part: 'numerator' | 'denominator', input: unknown): string {
	const formula = input as Record<typeof part, string>;
	const parsed = parseExpression(formula[part]);
	return parsed.ok
		? `${part} is invalid`
		: `${part}: ${parsed.error.message} at position ${parsed.error.position + 1}`;
}

/** Only two well-formed dates can be ordered; a bad one is already reported on its own field. */
function bothDates(a: string, b: string): boolean {
	return /^\d{4}-\d{2}-\d{2}$/.test(a) && /^\d{4}-\d{2}-\d{2}$/.test(b);
}

export const IndicatorSchema = v.pipe(
	v.object({
		id: Id('id'),
		code: v.pipe(
			v.string('code must be text'),
			v.regex(INDICATOR_CODE_PATTERN, 'code must be the area letter and a number, like H1')
		),
		area: v.picklist(AREAS, `area must be one of ${AREAS.join(', ')}`),
		name: NameSchema,
		definition: TranslatedSchema,
		unit: v.picklist(UNITS, `unit must be one of ${UNITS.join(', ')}`),
		direction: v.picklist(DIRECTIONS, 'direction must be increase or decrease'),
		baseline: Milestone('baseline'),
		target: Milestone('target'),
		periodicity: v.picklist(
			PERIODICITIES,
			`periodicity must be one of ${PERIODICITIES.join(', ')}`
		),
		disaggregations: v.pipe(
			v.array(v.picklist(DIMENSIONS, `disaggregations may hold only ${DIMENSIONS.join(', ')}`)),
			v.check((list) => new Set(list).size === list.length, 'disaggregations repeat a dimension')
		),
		responsibleBody: TranslatedOrLegacy('responsibleBody'),
		dataSource: TranslatedOrLegacy('dataSource'),
		formula: v.nullable(FormulaSchema)
	}),
	v.forward(
		v.check(
			(i) => areaOfCode(i.code) === i.area,
			(issue) => {
				const area = (issue.input as { area: (typeof AREAS)[number] }).area;
				return `code must start with ${AREA_PREFIX[area] ?? '?'} for the ${area} area`;
			}
		),
		['code']
	),
	v.forward(
		v.check(
			(i) =>
				!i.baseline ||
				!i.target ||
				!bothDates(i.baseline.date, i.target.date) ||
				i.baseline.date < i.target.date,
			'target date must come after the baseline date'
		),
		['target']
	),
	v.forward(
		v.check(
			(i) => milestoneInBounds(i.unit, i.baseline),
			(issue) => milestoneBoundsMessage('baseline', issue.input)
		),
		['baseline']
	),
	v.forward(
		v.check(
			(i) => milestoneInBounds(i.unit, i.target),
			(issue) => milestoneBoundsMessage('target', issue.input)
		),
		['target']
	),
	v.forward(
		v.check(
			(i) => !i.formula || i.disaggregations.length === 0,
			'computed indicators are not disaggregated'
		),
		['disaggregations']
	)
);

export type Indicator = v.InferOutput<typeof IndicatorSchema>;
export type Milestone = NonNullable<Indicator['baseline']>;

export const IndicatorValueSchema = v.object({
	id: Id('id'),
	indicatorId: Id('indicatorId'),
	locationId: Id('locationId'),
	period: v.pipe(
		v.string('period must be text'),
		v.check((id: string) => isPeriodId(id), 'period must look like 2026-09, 2026Q3 or 2026')
	),
	cell: v.pipe(
		v.string('cell must be text'),
		v.check(isCellKey, 'cell must be "total" or like sex=female;age=18-34')
	),
	value: v.nullable(v.pipe(v.number('value must be a number'), v.finite('value must be finite'))),
	comment: v.pipe(
		v.string('comment must be text'),
		v.maxLength(2000, 'comment is longer than 2000 characters')
	),
	/**
	 * The language the comment was typed in. Comments are never translated: a reader of another
	 * language sees it marked. Absent on an empty comment and on values saved before it was kept.
	 */
	commentLang: v.optional(LanguageCode('commentLang')),
	updatedAt: v.pipe(v.string(), v.isoTimestamp('updatedAt must be an ISO timestamp')),
	updatedBy: v.pipe(v.string('updatedBy must be text'), v.nonEmpty('updatedBy is empty')),
	rev: v.pipe(
		v.number('rev must be a number'),
		v.integer('rev must be whole'),
		v.safeInteger(`rev must be at most ${Number.MAX_SAFE_INTEGER}`),
		v.minValue(0, 'rev must not be negative')
	),
	deleted: v.boolean('deleted must be true or false')
});

export type IndicatorValue = v.InferOutput<typeof IndicatorValueSchema>;

export interface FieldProblem {
	/** Dot path of the field ("target.date"), or "" for the record as a whole. */
	field: string;
	message: string;
}

export function fieldProblems(issues: readonly v.BaseIssue<unknown>[]): FieldProblem[] {
	return issues.map((issue) => ({ field: v.getDotPath(issue) ?? '', message: issue.message }));
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

export function parseIndicator(input: unknown): Parsed<Indicator> {
	const result = v.safeParse(IndicatorSchema, input);
	return result.success
		? { ok: true, value: result.output }
		: { ok: false, problems: fieldProblems(result.issues) };
}

export function parseIndicatorValue(input: unknown): Parsed<IndicatorValue> {
	const result = v.safeParse(IndicatorValueSchema, input);
	return result.success
		? { ok: true, value: result.output }
		: { ok: false, problems: fieldProblems(result.issues) };
}

/**
 * A value's id names its cell (value-id.ts): a record under any other id would be a second live
 * value for that cell, beside the one every device writes. Undefined when the id is the derived one.
 */
export function valueIdProblem(record: IndicatorValue): FieldProblem | undefined {
	const derived = valueId(record.indicatorId, record.locationId, record.period, record.cell);
	if (record.id === derived) return undefined;
	return {
		field: 'id',
		message: `id must be ${derived}, the id of this indicator, place, period and cell`
	};
}

/**
 * The checks a value record needs its indicator for: the period must be of the indicator's
 * periodicity, the cell one of its grid, the number within its unit's rules.
 */
export function valueProblemsFor(record: IndicatorValue, indicator: Indicator): FieldProblem[] {
	const problems: FieldProblem[] = [];
	if (record.indicatorId !== indicator.id) {
		problems.push({ field: 'indicatorId', message: `indicatorId is not ${indicator.id}` });
	}
	if (!matchesPeriodicity(record.period, indicator.periodicity)) {
		problems.push({
			field: 'period',
			message: `period ${record.period} is not ${indicator.periodicity}`
		});
	}
	if (!isCellOfGrid(record.cell, indicator.disaggregations)) {
		problems.push({
			field: 'cell',
			message: `cell ${record.cell} is not in the grid of ${indicator.code}`
		});
	}
	if (record.value !== null) {
		const checked = checkValue(indicator.unit, record.value);
		if (!checked.ok) {
			const limits = checked.params ? ` (${JSON.stringify(checked.params)})` : '';
			problems.push({
				field: 'value',
				message: `value breaks the unit rule: ${checked.error}${limits}`
			});
		}
	}
	if (indicator.formula && !record.deleted) {
		problems.push({ field: 'indicatorId', message: `${indicator.code} is computed, not entered` });
	}
	return problems;
}
