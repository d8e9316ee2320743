import { fold } from './fold';

/**
 * Which column of a spreadsheet holds what: guessed from the header line, shown to the person,
 * editable, and remembered per column set (the same headers in the same order) on the device.
 */
export const IMPORT_FIELDS = ['indicator', 'place', 'period', 'cell', 'value', 'comment'] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** A column index (0-based) per field, or null when no column holds it. */
export type ColumnMapping = Record<ImportField, number | null>;

/** Without these a row cannot name a value. */
export const REQUIRED_FIELDS: readonly ImportField[] = ['indicator', 'place', 'period', 'value'];

/**
 * Header words per field in az, en and ru (folded), the app's own export headers among them
 * (dashboard:columns). Earlier entries are better matches: a "Code" column names an indicator
 * more surely than an "Indicator" column holding its name, so it wins when a file has both.
 */
const NAMES: Record<ImportField, string[]> = {
	indicator: [
		'indicator code',
		'code',
		'kod',
		'код',
		'gostericinin kodu',
		'код показателя',
		'indicator',
		'gosterici',
		'показатель',
		'indicator name',
		'data element',
		'dataelement'
	],
	place: [
		'place id',
		'location id',
		'place',
		'location',
		'erazi',
		'территория',
		'yer',
		'место',
		'district',
		'rayon',
		'район',
		'region',
		'регион',
		'org unit',
		'orgunit',
		'organisation unit'
	],
	period: [
		'period',
		'dovr',
		'период',
		'month',
		'ay',
		'месяц',
		'quarter',
		'rub',
		'квартал',
		'year',
		'il',
		'год'
	],
	cell: [
		'cell',
		'disaggregation',
		'breakdown',
		'xana',
		'bolgu',
		'ячейка',
		'разбивка',
		'дезагрегация',
		'category option combo',
		'categoryoptioncombo'
	],
	value: ['value', 'deyer', 'значение', 'amount', 'count', 'say', 'количество', 'число'],
	comment: ['comment', 'note', 'notes', 'serh', 'qeyd', 'комментарий', 'примечание']
};

const FOLDED = Object.fromEntries(
	IMPORT_FIELDS.map((field) => [field, NAMES[field].map(fold)])
) as Record<ImportField, string[]>;

/** How well a header names a field: higher is better, 0 not at all. */
function score(header: string, field: ImportField): number {
	const folded = fold(header);
	if (!folded) return 0;
	const names = FOLDED[field];
	const exact = names.indexOf(folded);
	if (exact >= 0) return 1000 - exact;
	// "Indicator (code)", "Dəyər, nəfər": a header word that is one of the names.
	const words = folded.split(' ');
	const partial = names.findIndex((name) => !name.includes(' ') && words.includes(name));
	return partial >= 0 ? 500 - partial : 0;
}

/**
 * The best column for each field, each column used once: the surest pairs are taken first, so
 * "Code" becomes the indicator and "Indicator" (the name beside it) is left unmapped.
 */
export function guessMapping(headers: readonly string[]): ColumnMapping {
	const pairs: { field: ImportField; column: number; score: number }[] = [];
	headers.forEach((header, column) => {
		for (const field of IMPORT_FIELDS) {
			const s = score(header, field);
			if (s > 0) pairs.push({ field, column, score: s });
		}
	});
	pairs.sort((a, b) => b.score - a.score || a.column - b.column);
	const mapping = emptyMapping();
	const used = new Set<number>();
	for (const pair of pairs) {
		if (mapping[pair.field] !== null || used.has(pair.column)) continue;
		mapping[pair.field] = pair.column;
		used.add(pair.column);
	}
	return mapping;
}

export function emptyMapping(): ColumnMapping {
	return { indicator: null, place: null, period: null, cell: null, value: null, comment: null };
}

/** The fields a mapping still lacks before a preview can run. */
export function missingFields(mapping: ColumnMapping): ImportField[] {
	return REQUIRED_FIELDS.filter((field) => mapping[field] === null);
}

/** Names a column set, for remembering its mapping: the folded headers in order. */
export function columnSetKey(headers: readonly string[]): string {
	return headers.map(fold).join('|');
}

/** A remembered mapping applies only if every column it names still exists. */
export function fitsColumns(mapping: ColumnMapping, columns: number): boolean {
	return IMPORT_FIELDS.every(
		(f) => mapping[f] === null || (mapping[f]! >= 0 && mapping[f]! < columns)
	);
}
