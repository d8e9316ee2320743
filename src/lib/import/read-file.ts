import ReadWorker from './read.worker?worker';
import type { ReaderMessage } from './sheet-text';
import type { SheetTable } from '$lib/domain/import/table';

/** Larger files are refused before reading: a tablet's memory, not the format, is the limit. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

export class UnreadableFileError extends Error {
	constructor(
		readonly reason: 'type' | 'size' | 'empty' | 'broken',
		detail = ''
	) {
		super(detail || reason);
		this.name = 'UnreadableFileError';
	}
}

/** Reads a CSV or .xlsx file in a worker, reporting progress (0–1). */
export function readSpreadsheet(
	file: File,
	onProgress: (share: number) => void
): Promise<SheetTable> {
	if (!/\.(csv|txt|xlsx)$/i.test(file.name)) return Promise.reject(new UnreadableFileError('type'));
	if (file.size > MAX_IMPORT_BYTES) return Promise.reject(new UnreadableFileError('size'));
	return new Promise((resolve, reject) => {
		const worker = new ReadWorker();
		const done = () => worker.terminate();
		worker.onmessage = (event: MessageEvent<ReaderMessage>) => {
			const message = event.data;
			if (message.kind === 'progress') onProgress(message.share);
			else if (message.kind === 'failed') {
				done();
				reject(new UnreadableFileError('broken', message.message));
			} else {
				done();
				if (message.headers.length === 0) reject(new UnreadableFileError('empty'));
				else resolve({ headers: message.headers, rows: message.rows });
			}
		};
		worker.onerror = (event) => {
			done();
			reject(new UnreadableFileError('broken', event.message));
		};
		worker.postMessage({ file });
	});
}
