import type { CatalogueProblem } from '$lib/db/catalogue';
import { t } from '$lib/i18n';
import { fieldId } from './indicator-form';

/** A problem as the screen shows it; `lang` is set when the text stays in English. */
export interface ShownProblem {
	field: string;
	id: string | null;
	label: string;
	text: string;
	lang?: 'en';
}

/** What a control spreads onto itself to be tied to its label, hint and errors. */
export interface ControlAttributes {
	id: string;
	'aria-invalid': 'true' | undefined;
	'aria-describedby': string | undefined;
}

const LABEL_KEYS: Record<string, string> = {
	code: 'code',
	area: 'area',
	name: 'name',
	definition: 'definition',
	unit: 'unit',
	direction: 'direction',
	'baseline.value': 'baseline_value',
	'baseline.date': 'baseline_date',
	baseline: 'baseline_value',
	'target.value': 'target_value',
	'target.date': 'target_date',
	target: 'target_date',
	periodicity: 'periodicity',
	disaggregations: 'disaggregations',
	responsibleBody: 'responsible_body',
	dataSource: 'data_source',
	formula: 'numerator',
	'formula.numerator': 'numerator',
	'formula.denominator': 'denominator',
	'formula.factor': 'factor',
	parentId: 'parent',
	level: 'level'
};

function labelOf(field: string): string {
	// "name.az" and the like belong to the group's label.
	const key = LABEL_KEYS[field] ?? LABEL_KEYS[field.split('.')[0] ?? ''] ?? 'record';
	return t(`catalogue:fields.${key}`);
}

/**
 * Problems with a translation key are said in the interface language; the rest are the domain's
 * English messages (rare ones that a form cannot normally produce), marked as English.
 */
export function showProblem(problem: CatalogueProblem): ShownProblem {
	const base = { field: problem.field, id: fieldId(problem.field), label: labelOf(problem.field) };
	return problem.key
		? { ...base, text: t(`catalogue:problems.${problem.key}`, problem.params) }
		: { ...base, text: problem.message, lang: 'en' };
}

/** The problems of one input (and of the group it starts, for names and milestones). */
export function problemsAt(problems: readonly ShownProblem[], id: string): ShownProblem[] {
	return problems.filter((p) => p.id === id);
}
