import type { MatchedRow } from '../import/preview';
import type { ImportRow } from '../import/rows';
import type { Dhis2Read, ReadProblem } from './dhis2';

/**
 * A DHIS2 file read through the mapping, made ready for the spreadsheet import's preview
 * (import/preview.ts): its rows are matched like a spreadsheet's, and each data value the
 * mapping could not translate becomes a refused line of the same preview, with the reason as a
 * message of the exchange namespace, so nothing in the file is dropped without a word.
 */
export interface Dhis2ImportRows {
	rows: ImportRow[];
	refused: MatchedRow[];
}

export function readProblemAsRefusal(problem: ReadProblem): MatchedRow {
	const key = `exchange:read.${problem.code}`;
	return problem.value === undefined
		? { line: problem.line, kind: 'refused', reason: { key } }
		: { line: problem.line, kind: 'refused', reason: { key, params: { value: problem.value } } };
}

export function dhis2ImportRows(read: Extract<Dhis2Read, { ok: true }>): Dhis2ImportRows {
	return { rows: read.rows, refused: read.problems.map(readProblemAsRefusal) };
}

/** The matched rows and the file's refusals in the file's order (by line). */
export function withRefusals(
	matched: readonly MatchedRow[],
	refused: readonly MatchedRow[]
): MatchedRow[] {
	return [...matched, ...refused].sort((a, b) => a.line - b.line);
}
