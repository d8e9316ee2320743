/**
 * One row read from a file to import, as text, before it is matched against the catalogue: the
 * same shape as `ImportRow` of the spreadsheet import (src/lib/domain/import/rows.ts on the
 * import branch), kept here until both meet on main so that a DHIS2 file goes through the same
 * preview as a spreadsheet. Then this file becomes `export type { ImportRow } from '../import/rows'`.
 */
export interface ImportRow {
	/** Where the row came from in its file (1-based), for messages. */
	line: number;
	/** Indicator code (H1) or name, as the file has it. */
	indicator: string;
	/** Place id or name, as the file has it. */
	place: string;
	/** Period in the app's form (2025Q3, 2025-07, 2025). */
	period: string;
	/** Disaggregation cell ("total", "sex=female;age=18-34"); empty or absent means total. */
	cell?: string;
	/** The value as written in the file; empty clears it. */
	value: string;
	comment?: string;
}
