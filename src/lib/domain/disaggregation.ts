/**
 * Disaggregation: an indicator's value split into a grid of cells by sex and age group.
 * Cell keys ("sex=female;age=18-34") are stored with every value, so they must never change.
 */
export const DIMENSIONS = ['sex', 'age'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const CATEGORIES = {
	sex: ['female', 'male'],
	age: ['0-17', '18-34', '35-59', '60+']
} as const satisfies Record<Dimension, readonly string[]>;

export type Category<D extends Dimension = Dimension> = (typeof CATEGORIES)[D][number];

/** The one cell of an indicator that is not split. */
export const TOTAL_CELL = 'total';

/** One cell: the category chosen in each dimension of the grid, in DIMENSIONS order. */
export type Cell = Partial<{ [D in Dimension]: Category<D> }>;

export function isDimension(value: unknown): value is Dimension {
	return typeof value === 'string' && (DIMENSIONS as readonly string[]).includes(value);
}

/** The dimensions in their fixed order, without repeats, so a grid has one shape. */
export function normaliseDimensions(dimensions: readonly Dimension[]): Dimension[] {
	return DIMENSIONS.filter((d) => dimensions.includes(d));
}

export function cellKey(cell: Cell): string {
	const parts = DIMENSIONS.filter((d) => cell[d] !== undefined).map((d) => `${d}=${cell[d]}`);
	return parts.length ? parts.join(';') : TOTAL_CELL;
}

/** Reads a cell key back; null when it is not one this grid could hold. */
export function parseCellKey(key: string): Cell | null {
	if (key === TOTAL_CELL) return {};
	const cell: Record<string, string> = {};
	for (const part of key.split(';')) {
		const [dimension, category, extra] = part.split('=');
		if (extra !== undefined || !isDimension(dimension) || dimension in cell) return null;
		if (!(CATEGORIES[dimension] as readonly string[]).includes(category ?? '')) return null;
		cell[dimension] = category!;
	}
	const parsed = cell as Cell;
	// A key must be written in the one canonical order, or two keys could name one cell.
	return cellKey(parsed) === key ? parsed : null;
}

/** Keys already found valid: few exist, and the server checks thousands of values a push. */
const validCellKeys = new Set<string>();

/** Whether `key` is a canonical cell key (parseCellKey would read it). */
export function isCellKey(key: string): boolean {
	if (validCellKeys.has(key)) return true;
	if (parseCellKey(key) === null) return false;
	validCellKeys.add(key);
	return true;
}

/** Every cell of the grid (the cartesian product), or the single total cell. */
export function gridCells(dimensions: readonly Dimension[]): Cell[] {
	let cells: Cell[] = [{}];
	for (const dimension of normaliseDimensions(dimensions)) {
		cells = cells.flatMap((cell) =>
			CATEGORIES[dimension].map((category) => ({ ...cell, [dimension]: category }))
		);
	}
	return cells;
}

export function gridCellKeys(dimensions: readonly Dimension[]): string[] {
	return gridCells(dimensions).map(cellKey);
}

/** The cell keys of each grid shape, built once: the server checks thousands of values a push. */
const gridKeySets = new Map<string, ReadonlySet<string>>();

export function isCellOfGrid(key: string, dimensions: readonly Dimension[]): boolean {
	const shape = dimensions.join(',');
	let keys = gridKeySets.get(shape);
	if (!keys) {
		keys = new Set(gridCellKeys(dimensions));
		gridKeySets.set(shape, keys);
	}
	return keys.has(key);
}

export interface Total {
	/** Sum of the filled cells; null when none is filled. */
	value: number | null;
	filled: number;
	/** True when at least one cell is empty, so the sum may be too low. */
	missing: boolean;
}

export interface GridTotals {
	/** Per category of the first dimension (e.g. per sex). */
	rows: Record<string, Total>;
	/** Per category of the second dimension (e.g. per age group); empty for a one-way grid. */
	columns: Record<string, Total>;
	grand: Total;
}

type CellValues = ReadonlyMap<string, number | null> | Readonly<Record<string, number | null>>;

function valueAt(values: CellValues, key: string): number | null {
	const value = values instanceof Map ? values.get(key) : (values as Record<string, unknown>)[key];
	return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function sumOf(values: CellValues, cells: readonly Cell[]): Total {
	let sum = 0;
	let filled = 0;
	for (const cell of cells) {
		const value = valueAt(values, cellKey(cell));
		if (value === null) continue;
		sum += value;
		filled += 1;
	}
	return { value: filled ? sum : null, filled, missing: filled < cells.length };
}

/**
 * Row, column and grand totals of a grid, from cell key → value. Empty cells are left out of
 * the sums and reported through `missing`; keys outside the grid are ignored.
 */
export function gridTotals(dimensions: readonly Dimension[], values: CellValues): GridTotals {
	const dims = normaliseDimensions(dimensions);
	const cells = gridCells(dims);
	const totalsBy = (dimension: Dimension | undefined): Record<string, Total> => {
		if (!dimension) return {};
		return Object.fromEntries(
			CATEGORIES[dimension].map((category) => [
				category,
				sumOf(
					values,
					cells.filter((cell) => cell[dimension] === category)
				)
			])
		);
	};
	return { rows: totalsBy(dims[0]), columns: totalsBy(dims[1]), grand: sumOf(values, cells) };
}
