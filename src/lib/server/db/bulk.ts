import type { SqlValue, Store } from './store';

/**
 * Many rows in few statements on PostgreSQL (one round trip each); on SQLite one prepared
 * single-row statement run in a loop, which is cheaper there. A statement holds at most MAX_ROWS rows; what is
 * left is split into powers of two (300 rows: 256 + 32 + 8 + 4), so a table sees at most nine
 * distinct statement texts, each prepared once and reused, whatever the row counts.
 * PostgreSQL allows 65,535 parameters per statement and SQLite 32,766: 256 rows stay far below.
 */
const MAX_ROWS = 256;

function chunkSizes(total: number): number[] {
	const sizes: number[] = [];
	let left = total;
	while (left > 0) {
		const size = left >= MAX_ROWS ? MAX_ROWS : 2 ** Math.floor(Math.log2(left));
		sizes.push(size);
		left -= size;
	}
	return sizes;
}

const placeholderCache = new Map<string, string>();

/** `($1, $2), ($3, $4)` for 2 rows of width 2. */
function tuples(rows: number, width: number): string {
	const key = `${rows}:${width}`;
	let text = placeholderCache.get(key);
	if (text === undefined) {
		const list: string[] = [];
		for (let r = 0; r < rows; r++) {
			const row: string[] = [];
			for (let c = 0; c < width; c++) row.push(`$${r * width + c + 1}`);
			list.push(`(${row.join(', ')})`);
		}
		text = list.join(', ');
		placeholderCache.set(key, text);
	}
	return text;
}

/**
 * `head VALUES (…), (…) tail` for every row, in row order (so identity columns number them in
 * that order). `head` names the table and columns; `tail` may add ON CONFLICT.
 */
export async function insertRows(
	tx: Store,
	head: string,
	rows: readonly (readonly SqlValue[])[],
	tail = ''
): Promise<void> {
	if (rows.length === 0) return;
	const width = rows[0]!.length;
	// SQLite runs a prepared one-row statement faster than it parses a long VALUES list.
	if (tx.dialect === 'sqlite') {
		await tx.runMany(`${head} VALUES ${tuples(1, width)} ${tail}`, rows);
		return;
	}
	let start = 0;
	for (const size of chunkSizes(rows.length)) {
		const chunk = rows.slice(start, start + size);
		await tx.run(`${head} VALUES ${tuples(size, width)} ${tail}`, chunk.flat());
		start += size;
	}
}

/**
 * Rows whose key is one of `keys`: `select` holds `IN (?)` where the list goes, after `params`
 * (its own placeholders `$1…$n`). One statement per chunk of keys, as in insertRows.
 */
export async function selectIn<T>(
	tx: Store,
	select: string,
	params: readonly SqlValue[],
	keys: readonly SqlValue[]
): Promise<T[]> {
	const out: T[] = [];
	let start = 0;
	for (const size of chunkSizes(keys.length)) {
		const list = Array.from({ length: size }, (_, i) => `$${params.length + i + 1}`).join(', ');
		const chunk = keys.slice(start, start + size);
		out.push(...(await tx.all<T>(select.replace('IN (?)', `IN (${list})`), [...params, ...chunk])));
		start += size;
	}
	return out;
}
