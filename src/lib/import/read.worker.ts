import Papa from 'papaparse';
import { readSheet } from 'read-excel-file/universal';
import { cellText, type ReaderMessage, type ReaderRequest } from './sheet-text';

/**
 * Reads a spreadsheet off the page's thread, so a 5 MB file leaves the screen responsive:
 * CSV with papaparse, chunk by chunk (progress by bytes read); .xlsx with read-excel-file's
 * universal build, unzipping in this thread (fflate-in-thread.ts: the CSP refuses the blob: workers
 * fflate would start; progress before and after). Every cell
 * arrives as text, the header line apart.
 */
interface WorkerScope {
	onmessage: ((event: MessageEvent<ReaderRequest>) => void) | null;
	postMessage(message: ReaderMessage): void;
}
const scope = self as unknown as WorkerScope;

function finish(table: string[][]): void {
	const [headers = [], ...rows] = table;
	scope.postMessage({
		kind: 'done',
		headers: headers.map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, '') : h).trim()),
		rows
	});
}

function readCsv(file: File): void {
	const table: string[][] = [];
	Papa.parse<string[]>(file, {
		skipEmptyLines: 'greedy',
		chunkSize: 256 * 1024,
		chunk(results) {
			for (const row of results.data) table.push(row);
			scope.postMessage({ kind: 'progress', share: Math.min(1, results.meta.cursor / file.size) });
		},
		complete: () => finish(table),
		error: (error) => scope.postMessage({ kind: 'failed', message: error.message })
	});
}

async function readXlsx(file: File): Promise<void> {
	scope.postMessage({ kind: 'progress', share: 0.1 });
	const data = await readSheet(file);
	scope.postMessage({ kind: 'progress', share: 0.9 });
	finish(data.map((row) => row.map(cellText)));
}

scope.onmessage = (event) => {
	const { file } = event.data;
	const xlsx = /\.xlsx$/i.test(file.name);
	const run = xlsx ? readXlsx(file) : Promise.resolve(readCsv(file));
	run.catch((error: unknown) =>
		scope.postMessage({
			kind: 'failed',
			message: error instanceof Error ? error.message : String(error)
		})
	);
};
