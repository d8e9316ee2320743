import {
	CATEGORIES,
	cellKey,
	normaliseDimensions,
	type Cell,
	type Dimension
} from '$lib/domain/disaggregation';

/**
 * The layout of an entry grid, as DHIS2 draws it: the first dimension down the side (sex), the
 * second across the top (age groups); one dimension gives a single column; none a single cell.
 */
export interface GridCellModel {
	key: string;
	cell: Cell;
	/** Category of the row dimension, or null when the grid has no rows. */
	row: string | null;
	/** Category of the column dimension, or null for a one-column grid. */
	column: string | null;
}

export interface GridRowModel {
	category: string | null;
	cells: GridCellModel[];
}

export interface GridModel {
	rowDimension: Dimension | null;
	columnDimension: Dimension | null;
	/** Column categories; empty for a one-column grid. */
	columns: string[];
	rows: GridRowModel[];
	/** All cells in reading order: the order Enter moves through. */
	cells: GridCellModel[];
}

export function buildGrid(dimensions: readonly Dimension[]): GridModel {
	const [rowDimension = null, columnDimension = null] = normaliseDimensions(dimensions);
	const rowCats: (string | null)[] = rowDimension ? [...CATEGORIES[rowDimension]] : [null];
	const colCats: (string | null)[] = columnDimension ? [...CATEGORIES[columnDimension]] : [null];
	const rows = rowCats.map((row) => ({
		category: row,
		cells: colCats.map((column) => {
			const cell = {
				...(rowDimension && row ? { [rowDimension]: row } : {}),
				...(columnDimension && column ? { [columnDimension]: column } : {})
			} as Cell;
			return { key: cellKey(cell), cell, row, column };
		})
	}));
	return {
		rowDimension,
		columnDimension,
		columns: colCats.filter((c): c is string => c !== null),
		rows,
		cells: rows.flatMap((r) => r.cells)
	};
}

/**
 * A cell's name for screen readers and dialogs, from its categories' names: "Female, 18–34";
 * the total cell has no categories and takes `totalName`.
 */
export function cellName(
	model: GridCellModel,
	categoryName: (category: string) => string,
	totalName: string,
	join: (parts: string[]) => string = (parts) => parts.join(', ')
): string {
	const parts = [model.row, model.column].filter((c): c is string => c !== null);
	return parts.length ? join(parts.map(categoryName)) : totalName;
}
