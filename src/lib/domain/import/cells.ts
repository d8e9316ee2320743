import { CATEGORIES, TOTAL_CELL, cellKey, isCellKey, type Cell } from '../disaggregation';
import { fold } from './fold';

/**
 * A disaggregation cell as a spreadsheet writes it, read into the app's cell key: empty or
 * "total" (cəmi, итого, всего) is the total; the app's own keys ("sex=female;age=18-34") read
 * as they are; otherwise words for sex and an age range in any of the three languages:
 * "Female 18-34", "qadın, 18–34", "женщины 60+". Null when the text names no cell.
 */
const TOTAL_WORDS = new Set(['total', 'cemi', 'umumi', 'итого', 'всего', 'hamisi', 'all']);
const FEMALE = new Set([
	'female',
	'women',
	'woman',
	'f',
	'qadin',
	'qadinlar',
	'женщины',
	'женщина',
	'ж',
	'жен'
]);
const MALE = new Set([
	'male',
	'men',
	'man',
	'm',
	'kisi',
	'kisiler',
	'мужчины',
	'мужчина',
	'м',
	'муж'
]);

export function readCell(raw: string): string | null {
	const text = raw.trim();
	if (text === '') return TOTAL_CELL;
	if (isCellKey(text)) return text;
	const words = fold(text).split(' ');
	if (words.length === 1 && TOTAL_WORDS.has(words[0]!)) return TOTAL_CELL;
	const cell: Cell = {};
	const female = words.some((w) => FEMALE.has(w));
	const male = words.some((w) => MALE.has(w));
	if (female && male) return null;
	if (female) cell.sex = 'female';
	if (male) cell.sex = 'male';
	const ages = [...text.matchAll(/(\d{1,2})\s*(?:[-–—]\s*(\d{1,2})|\+)/g)];
	if (ages.length > 1) return null;
	if (ages.length === 1) {
		const [, from, to] = ages[0]!;
		const label = to === undefined ? `${from}+` : `${from}-${to}`;
		const age = CATEGORIES.age.find((category) => category === label);
		if (!age) return null;
		cell.age = age;
	}
	if (cell.sex === undefined && cell.age === undefined) return null;
	// Every word must have been read: "female 18-34 refugees" is not silently a cell.
	const known = words.filter(
		(w) =>
			FEMALE.has(w) ||
			MALE.has(w) ||
			/^\d{1,2}$/.test(w) ||
			/^\d{1,2}\+$/.test(w) ||
			w === 'sex' ||
			w === 'age'
	);
	if (known.length !== words.length) return null;
	return cellKey(cell);
}
