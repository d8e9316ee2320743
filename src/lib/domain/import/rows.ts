/**
 * One row read from a file to import (a spreadsheet, or a DHIS2 dataValueSets file), as text,
 * before it is matched against the catalogue. Every reader produces these; one preview
 * (preview.ts) decides each row's outcome, so spreadsheets and DHIS2 files are judged alike.
 */
export interface ImportRow {
	/** Where the row came from in its file (1-based, the header being line 1), for messages. */
	line: number;
	/** Indicator code (H1) or name in az, en or ru, as the file has it. */
	indicator: string;
	/** Place id or name in any language, as the file has it. */
	place: string;
	/** Period in the app's form (2025Q3, 2025-07, 2025) or a spreadsheet's ("III rüb 2025"). */
	period: string;
	/** Disaggregation cell ("total", "sex=female;age=18-34"); empty or absent means total. */
	cell?: string;
	/** The value as written in the file (a number, or text such as "1 234,5"); empty clears it. */
	value: string;
	comment?: string;
}
