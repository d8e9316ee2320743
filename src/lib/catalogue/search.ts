import type { Language } from '$lib/domain/languages';
import { foldForSearch, type Translated } from '$lib/domain/text';

/**
 * Search by code or name in any language. Each name is folded by the rules of its own language
 * (Azerbaijani has two i's: İ/i and I/ı) and without diacritics, so a query typed on a plain
 * keyboard finds the name ("seki" finds "Şəki", "ismayilli" finds "İsmayıllı").
 */
export interface Searchable {
	code: string;
	name: Translated;
}

export function matchesSearch(item: Searchable, query: string): boolean {
	const wanted = query.trim();
	if (wanted === '') return true;
	if (foldForSearch(item.code, 'en').includes(foldForSearch(wanted, 'en'))) return true;
	return (['az', 'en', 'ru'] as const satisfies readonly Language[]).some((lang) =>
		foldForSearch(item.name[lang], lang).includes(foldForSearch(wanted, lang))
	);
}
