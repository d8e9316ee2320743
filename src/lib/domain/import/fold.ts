/**
 * Text folded for matching what people type in a spreadsheet against the catalogue: case,
 * diacritics and punctuation do not count, so "Gəncə", "gence" and "GƏNCƏ" are one place, and
 * "Sentyabr 2026" reads like "sentyabr 2026". Letters without a decomposition (ə, ı) are mapped
 * by hand; Cyrillic keeps its letters (й and ё fold to и and е, as people often type them).
 */
export function fold(text: string): string {
	return text
		.toLowerCase()
		.replace(/ə/g, 'e')
		.replace(/ı/g, 'i')
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		.replace(/[^\p{L}\p{N}+]+/gu, ' ')
		.trim();
}
