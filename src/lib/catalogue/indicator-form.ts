import type { CatalogueProblem, IndicatorInput } from '$lib/db/catalogue';
import type { AreaId } from '$lib/domain/areas';
import type { Dimension } from '$lib/domain/disaggregation';
import type { Direction, Indicator } from '$lib/domain/indicators';
import type { Language } from '$lib/domain/languages';
import { readNumberInput } from '$lib/domain/number-input';
import type { Periodicity } from '$lib/domain/periods';
import { asTranslated, type Translated } from '$lib/domain/text';
import type { Unit } from '$lib/domain/units';

/**
 * The indicator form as typed: numbers stay text until saved, so "12,5" survives half-typed,
 * and an empty select stays empty (a coordinator must choose the area and the unit).
 */
export interface IndicatorFormState {
	id?: string;
	code: string;
	area: AreaId | '';
	name: Translated;
	definition: Translated;
	unit: Unit | '';
	direction: Direction;
	baselineValue: string;
	baselineDate: string;
	targetValue: string;
	targetDate: string;
	periodicity: Periodicity;
	disaggregations: Dimension[];
	responsibleBody: Translated;
	dataSource: Translated;
	computed: boolean;
	numerator: string;
	denominator: string;
	factor: string;
}

const empty = (): Translated => ({ az: '', en: '', ru: '' });
const trimmed = (t: Translated): Translated => ({
	az: t.az.trim(),
	en: t.en.trim(),
	ru: t.ru.trim()
});

export function emptyIndicatorForm(): IndicatorFormState {
	return {
		code: '',
		area: '',
		name: empty(),
		definition: empty(),
		unit: '',
		direction: 'increase',
		baselineValue: '',
		baselineDate: '',
		targetValue: '',
		targetDate: '',
		periodicity: 'quarterly',
		disaggregations: [],
		responsibleBody: empty(),
		dataSource: empty(),
		computed: false,
		numerator: '',
		denominator: '1',
		factor: '1'
	};
}

export function indicatorForm(indicator: Indicator): IndicatorFormState {
	return {
		id: indicator.id,
		code: indicator.code,
		area: indicator.area,
		name: { ...indicator.name },
		definition: { ...indicator.definition },
		unit: indicator.unit,
		direction: indicator.direction,
		baselineValue: indicator.baseline ? String(indicator.baseline.value) : '',
		baselineDate: indicator.baseline?.date ?? '',
		targetValue: indicator.target ? String(indicator.target.value) : '',
		targetDate: indicator.target?.date ?? '',
		periodicity: indicator.periodicity,
		disaggregations: [...indicator.disaggregations],
		// Records from before these were translated hold one English string.
		responsibleBody: { ...asTranslated(indicator.responsibleBody) },
		dataSource: { ...asTranslated(indicator.dataSource) },
		computed: indicator.formula !== null,
		numerator: indicator.formula?.numerator ?? '',
		denominator: indicator.formula?.denominator ?? '1',
		factor: String(indicator.formula?.factor ?? 1)
	};
}

function readNumber(
	text: string,
	field: string,
	lang: Language,
	problems: CatalogueProblem[]
): number {
	const read = readNumberInput(text, lang);
	if (read) return read.value;
	problems.push({ field, message: 'enter a number', key: 'not_a_number' });
	return Number.NaN;
}

function milestone(
	part: 'baseline' | 'target',
	value: string,
	date: string,
	lang: Language,
	problems: CatalogueProblem[]
): Indicator['baseline'] {
	if (value.trim() === '' && date === '') return null;
	if (value.trim() === '') {
		problems.push({ field: `${part}.value`, message: 'enter the value', key: 'value_required' });
	}
	if (date === '') {
		problems.push({ field: `${part}.date`, message: 'enter the date', key: 'date_required' });
	}
	const number =
		value.trim() === '' ? Number.NaN : readNumber(value, `${part}.value`, lang, problems);
	return { value: number, date };
}

/**
 * What the form would save, and the problems only the form can see (text that is not a number,
 * a value without its date, a select left empty). These come first, and a schema message on the
 * same field is then dropped: it would only say the same thing less clearly.
 */
export function readIndicatorForm(
	form: IndicatorFormState,
	lang: Language
): { input: IndicatorInput; problems: CatalogueProblem[] } {
	const problems: CatalogueProblem[] = [];
	if (form.area === '') problems.push({ field: 'area', message: 'choose the area', key: 'choose' });
	if (form.unit === '') problems.push({ field: 'unit', message: 'choose the unit', key: 'choose' });
	const input: IndicatorInput = {
		...(form.id ? { id: form.id } : {}),
		// Codes are Latin capitals (H1); typing "h1" on a tablet keyboard is the same code.
		code: form.code.trim().toUpperCase(),
		area: form.area as AreaId,
		name: { ...form.name },
		definition: { ...form.definition },
		unit: form.unit as Unit,
		direction: form.direction,
		baseline: milestone('baseline', form.baselineValue, form.baselineDate, lang, problems),
		target: milestone('target', form.targetValue, form.targetDate, lang, problems),
		periodicity: form.periodicity,
		disaggregations: form.computed ? [] : [...form.disaggregations],
		responsibleBody: trimmed(form.responsibleBody),
		dataSource: trimmed(form.dataSource),
		formula: form.computed
			? {
					numerator: form.numerator,
					denominator: form.denominator,
					factor: readNumber(form.factor, 'formula.factor', lang, problems)
				}
			: null
	};
	return { input, problems };
}

/** Form problems first; then the store's, except on fields the form already reported. */
export function mergeProblems(
	form: readonly CatalogueProblem[],
	rest: readonly CatalogueProblem[]
): CatalogueProblem[] {
	const taken = new Set(form.map((p) => p.field));
	return [...form, ...rest.filter((p) => !taken.has(p.field))];
}

/** The input a problem belongs to, by its schema path; null for the record as a whole. */
export function fieldId(path: string): string | null {
	if (path === '') return null;
	const first: Record<string, string> = {
		name: 'name.az',
		definition: 'definition.az',
		responsibleBody: 'responsibleBody.az',
		dataSource: 'dataSource.az',
		baseline: 'baseline.value',
		target: 'target.date',
		formula: 'formula.numerator',
		disaggregations: 'disaggregations.sex'
	};
	const field = first[path] ?? path;
	return `f-${field.replace(/\./g, '-')}`;
}
