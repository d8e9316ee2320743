import type { Language } from '$lib/domain/languages';
import type { Translated } from '$lib/domain/text';

/**
 * Case-insensitive search that knows Azerbaijani has two i's: dotted İ/i and dotless I/ı. Each
 * name is folded by the rules of its own language (so "İ" finds "ibtidai" and "I" does not) and
 * the query is folded the same way before comparing; the code is plain Latin.
 */
const COMBINING_DOT = /\u0307/g;

export function fold(text: string, lang: Language): string {
	// Outside Azerbaijani, "İ" lowercases to "i" plus a combining dot, which would hide the "i".
	return text.toLocaleLowerCase(lang).replace(COMBINING_DOT, '').normalize('NFC');
}

export interface Searchable {
	code: string;
	name: Translated;
}

export function matchesSearch(item: Searchable, query: string): boolean {
	const wanted = query.trim();
	if (wanted === '') return true;
	if (fold(item.code, 'en').includes(fold(wanted, 'en'))) return true;
	return (['az', 'en', 'ru'] as const).some((lang) =>
		fold(item.name[lang], lang).includes(fold(wanted, lang))
	);
}
