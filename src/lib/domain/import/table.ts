import type { ColumnMapping } from './headers';
import type { ImportRow } from './rows';

/**
 * A spreadsheet as the reader hands it over (a header line, then rows of cells as text) turned
 * into import rows by a mapping. Blank lines are left out; line numbers stay the file's own.
 */
export interface SheetTable {
	headers: string[];
	rows: string[][];
}

export function rowsFromTable(table: SheetTable, mapping: ColumnMapping): ImportRow[] {
	const cell = (row: string[], column: number | null) =>
		column === null ? undefined : (row[column] ?? '').trim();
	const out: ImportRow[] = [];
	table.rows.forEach((row, i) => {
		if (row.every((c) => (c ?? '').trim() === '')) return;
		out.push({
			line: i + 2,
			indicator: cell(row, mapping.indicator) ?? '',
			place: cell(row, mapping.place) ?? '',
			period: cell(row, mapping.period) ?? '',
			cell: cell(row, mapping.cell),
			value: cell(row, mapping.value) ?? '',
			comment: cell(row, mapping.comment)
		});
	});
	return out;
}
