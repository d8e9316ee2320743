/** What the reader worker is asked, and what it answers. */
export interface ReaderRequest {
	file: File;
}

export type ReaderMessage =
	| { kind: 'progress'; share: number }
	| { kind: 'done'; headers: string[]; rows: string[][] }
	| { kind: 'failed'; message: string };

/**
 * A spreadsheet cell as text: numbers in the plain form files use ("1234.5", never "1e21" or a
 * grouped one), dates as "2025-07-15" (a period reads them by the indicator's periodicity),
 * true/false as 1/0, empty as "".
 */
export function cellText(cell: unknown): string {
	if (cell === null || cell === undefined) return '';
	if (typeof cell === 'number') {
		if (!Number.isFinite(cell)) return '';
		const text = String(cell);
		return /e/i.test(text)
			? new Intl.NumberFormat('en', { useGrouping: false, maximumFractionDigits: 20 }).format(cell)
			: text;
	}
	if (typeof cell === 'boolean') return cell ? '1' : '0';
	if (cell instanceof Date)
		return Number.isNaN(cell.getTime()) ? '' : cell.toISOString().slice(0, 10);
	return String(cell);
}
