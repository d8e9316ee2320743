/**
 * CSV as spreadsheets read it (RFC 4180): fields quoted when they hold a comma, a quote or a
 * line break, quotes doubled, CRLF between records, and a UTF-8 byte order mark so that Excel
 * opens Azerbaijani and Russian text correctly. Numbers are written with a "." decimal mark
 * whatever the interface language, so the file reads the same everywhere.
 */
export const BOM = '\uFEFF';

export type CsvField = string | number | null | undefined;

export function csvField(value: CsvField): string {
	if (value === null || value === undefined) return '';
	const text = typeof value === 'number' ? numberText(value) : value;
	return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const PLAIN = new Intl.NumberFormat('en', { useGrouping: false, maximumFractionDigits: 20 });

/** A plain decimal ("1234.5"), never an exponent (1e21) or a grouped one. */
function numberText(value: number): string {
	if (!Number.isFinite(value)) return '';
	const text = String(value);
	return /e/i.test(text) ? PLAIN.format(value) : text;
}

export function csvLine(fields: readonly CsvField[]): string {
	return fields.map(csvField).join(',');
}

export function buildCsv(
	headers: readonly string[],
	rows: readonly (readonly CsvField[])[]
): string {
	return BOM + [csvLine(headers), ...rows.map(csvLine)].join('\r\n') + '\r\n';
}
