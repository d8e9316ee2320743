/** A DHIS2 file's rows go through the spreadsheet import's preview: one row type for both. */
export type { ImportRow } from '../import/rows';
