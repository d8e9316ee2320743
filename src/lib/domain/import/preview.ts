import type { Indicator } from '../indicators';
import { isCellOfGrid } from '../disaggregation';
import type { Language } from '../languages';
import { PERIOD_TYPE_OF, matchesPeriodicity, periodContaining } from '../periods';
import { checkValue, validateValue, type ValidationResult } from '../validation';
import { valueId } from '../value-id';
import { catalogueLookup, type ImportCatalogue } from './catalogue';
import { readCell } from './cells';
import { readPeriod } from './periods';
import type { ImportRow } from './rows';

/**
 * What an import would do, row by row, before anything is written: each row is new, changes a
 * value (x → y), leaves it unchanged, is refused (with the reason, as a message key of the
 * user's language and its params), or names a place outside the person's scope. The same
 * checks as typed values: the unit's rules (validation.ts), the indicator's periodicity and grid.
 */

/** A message for the screen: a key under its namespace ("import:refused.unknown_place") and params. */
export interface Reason {
	key: string;
	params?: Record<string, string | number>;
}

/** The value a row names, by the ids the app stores it under. */
export interface ImportTarget {
	id: string;
	indicatorId: string;
	locationId: string;
	period: string;
	cell: string;
}

/** What the device holds for a value now. */
export interface CurrentValue {
	value: number | null;
	comment: string;
}

export type RowOutcome =
	| { line: number; kind: 'new'; target: ImportTarget; value: number; comment: string }
	| {
			line: number;
			kind: 'change';
			target: ImportTarget;
			from: number | null;
			value: number;
			comment: string;
	  }
	| { line: number; kind: 'unchanged'; target: ImportTarget }
	| { line: number; kind: 'refused'; reason: Reason }
	| { line: number; kind: 'outside'; placeId: string };

export type OutcomeKind = RowOutcome['kind'];

/** A row matched against the catalogue, before the device's current values are looked at. */
export type MatchedRow =
	| { line: number; kind: 'matched'; target: ImportTarget; value: number; comment?: string }
	| Extract<RowOutcome, { kind: 'refused' | 'outside' }>;

const COMMENT_MAX = 2000;

function refused(line: number, key: string, params?: Reason['params']): MatchedRow {
	return { line, kind: 'refused', reason: params ? { key, params } : { key } };
}

/** A value as a file writes it: a plain "1234.5" (CSV exports, DHIS2) first, else as a person types it. */
function readValue(indicator: Indicator, raw: string, lang: Language): ValidationResult {
	const text = raw.trim();
	if (indicator.unit !== 'yes_no' && /^-?\d+(\.\d+)?$/.test(text)) {
		return checkValue(indicator.unit, Number(text));
	}
	return validateValue(indicator.unit, text, lang);
}

function resolvePeriod(raw: string, indicator: Indicator): string | null {
	const read = readPeriod(raw);
	if (!read) return null;
	if ('period' in read) return read.period;
	return periodContaining(read.date, PERIOD_TYPE_OF[indicator.periodicity]);
}

/** Matches every row against the catalogue and the person's scope. */
export function matchRows(
	rows: readonly ImportRow[],
	catalogue: ImportCatalogue,
	lang: Language
): MatchedRow[] {
	const lookup = catalogueLookup(catalogue);
	const seen = new Map<string, number>();
	return rows.map((row): MatchedRow => {
		const { line } = row;
		const ind = lookup.indicator(row.indicator);
		if (!('found' in ind)) {
			return refused(line, 'import:refused.unknown_indicator', { indicator: row.indicator });
		}
		const indicator = ind.found;
		if (indicator.formula) {
			return refused(line, 'import:refused.computed', { indicator: indicator.code });
		}
		const place = lookup.place(row.place);
		if ('ambiguous' in place) {
			return refused(line, 'import:refused.ambiguous_place', { place: row.place });
		}
		if (!('found' in place))
			return refused(line, 'import:refused.unknown_place', { place: row.place });
		if (!lookup.inScope(place.found.id)) return { line, kind: 'outside', placeId: place.found.id };
		const period = resolvePeriod(row.period, indicator);
		if (period === null) return refused(line, 'import:refused.bad_period', { period: row.period });
		if (!matchesPeriodicity(period, indicator.periodicity)) {
			return refused(line, `import:refused.periodicity_${indicator.periodicity}`, {
				period: row.period,
				indicator: indicator.code
			});
		}
		const cell = readCell(row.cell ?? '');
		if (cell === null) return refused(line, 'import:refused.bad_cell', { cell: row.cell ?? '' });
		if (!isCellOfGrid(cell, indicator.disaggregations)) {
			return refused(line, 'import:refused.cell_not_in_grid', {
				cell: row.cell ?? '',
				indicator: indicator.code
			});
		}
		const checked = readValue(indicator, row.value, lang);
		if (!checked.ok) return refused(line, `validation:${checked.error}`, checked.params);
		const comment = row.comment?.trim() || undefined;
		if (comment && comment.length > COMMENT_MAX) {
			return refused(line, 'import:refused.comment_too_long', { max: COMMENT_MAX });
		}
		const id = valueId(indicator.id, place.found.id, period, cell);
		const earlier = seen.get(id);
		if (earlier !== undefined) return refused(line, 'import:refused.duplicate', { other: earlier });
		seen.set(id, line);
		const target = { id, indicatorId: indicator.id, locationId: place.found.id, period, cell };
		return { line, kind: 'matched', target, value: checked.value, comment };
	});
}

/**
 * Each matched row against what the device holds. A row without a comment keeps the value's
 * comment: a spreadsheet with no comment column must not wipe the notes typed on a tablet.
 */
export function judgeRows(
	matched: readonly MatchedRow[],
	current: (id: string) => CurrentValue | undefined
): RowOutcome[] {
	return matched.map((row): RowOutcome => {
		if (row.kind !== 'matched') return row;
		const now = current(row.target.id);
		const comment = row.comment ?? now?.comment ?? '';
		if (!now) return { line: row.line, kind: 'new', target: row.target, value: row.value, comment };
		if (now.value === row.value && now.comment === comment) {
			return { line: row.line, kind: 'unchanged', target: row.target };
		}
		return {
			line: row.line,
			kind: 'change',
			target: row.target,
			from: now.value,
			value: row.value,
			comment
		};
	});
}

/** Matching and judging in one step, for callers that already hold the current values. */
export function previewImport(
	rows: readonly ImportRow[],
	catalogue: ImportCatalogue,
	current: (id: string) => CurrentValue | undefined,
	lang: Language
): RowOutcome[] {
	return judgeRows(matchRows(rows, catalogue, lang), current);
}

export type OutcomeCounts = Record<OutcomeKind, number>;

export function countOutcomes(outcomes: readonly RowOutcome[]): OutcomeCounts {
	const counts: OutcomeCounts = { new: 0, change: 0, unchanged: 0, refused: 0, outside: 0 };
	for (const outcome of outcomes) counts[outcome.kind] += 1;
	return counts;
}

/** The rows a confirm writes: new values and changes. */
export function acceptedRows(outcomes: readonly RowOutcome[]) {
	return outcomes.filter(
		(o): o is Extract<RowOutcome, { kind: 'new' | 'change' }> =>
			o.kind === 'new' || o.kind === 'change'
	);
}
