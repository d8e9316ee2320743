import { buildCsv, type CsvField } from '$lib/domain/dashboard/csv';

export type ExportFormat = 'csv' | 'xlsx';

export interface ExportTable {
	/** File name without extension. */
	name: string;
	headers: string[];
	rows: CsvField[][];
}

const CHUNK = 2000;

/** Lets the page paint the progress bar between chunks of a long export. */
const breathe = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function download(blob: Blob, fileName: string): void {
	const url = URL.createObjectURL(blob);
	const link = document.createElement('a');
	link.href = url;
	link.download = fileName;
	document.body.append(link);
	link.click();
	link.remove();
	setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Writes the table as CSV or XLSX and hands it to the browser as a download, reporting progress
 * (0–1) as it goes. write-excel-file is loaded only when an XLSX file is asked for.
 */
export async function exportTable(
	table: ExportTable,
	format: ExportFormat,
	onProgress: (share: number) => void
): Promise<void> {
	onProgress(0);
	const copied: CsvField[][] = [];
	for (let i = 0; i < table.rows.length; i += CHUNK) {
		copied.push(...table.rows.slice(i, i + CHUNK));
		onProgress((0.8 * copied.length) / Math.max(1, table.rows.length));
		await breathe();
	}
	if (format === 'csv') {
		const text = buildCsv(table.headers, copied);
		download(new Blob([text], { type: 'text/csv;charset=utf-8' }), `${table.name}.csv`);
	} else {
		const { default: writeXlsxFile } = await import('write-excel-file/browser');
		onProgress(0.9);
		const cell = (value: CsvField) =>
			typeof value === 'number' ? { value, type: Number } : { value: value ?? '', type: String };
		const data = [
			table.headers.map((h) => ({ value: h, type: String, fontWeight: 'bold' as const })),
			...copied.map((row) => row.map(cell))
		];
		const blob = await writeXlsxFile(data as never).toBlob();
		download(blob, `${table.name}.xlsx`);
	}
	onProgress(1);
}
