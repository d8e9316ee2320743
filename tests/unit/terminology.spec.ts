import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, type Language } from '../../src/lib/domain/languages';

/**
 * One term per concept: docs/terminology.json lists, per concept, the word each language uses
 * and the variants it rejected. A rejected variant in a language's messages fails here, unless
 * that message is listed as an exception (the word in another sense) with its reason.
 */
const ROOT = join(import.meta.dirname, '../..');

interface Rejected {
	pattern: string;
	why: string;
}
interface Concept {
	concept: string;
	rejected: Partial<Record<Language, Rejected[]>>;
	exceptions?: { message: string; why: string }[];
}

const terminology = JSON.parse(readFileSync(join(ROOT, 'docs/terminology.json'), 'utf8')) as {
	concepts: Concept[];
};

function flatten(value: unknown, prefix = ''): Record<string, string> {
	if (typeof value === 'string') return { [prefix]: value };
	const out: Record<string, string> = {};
	for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
		Object.assign(out, flatten(inner, prefix ? `${prefix}.${key}` : key));
	}
	return out;
}

/** Every message of a language as "namespace:key" → text. */
function messagesOf(lang: Language): Record<string, string> {
	const dir = join(ROOT, 'locales', lang);
	const out: Record<string, string> = {};
	for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
		const ns = file.replace(/\.json$/, '');
		const flat = flatten(JSON.parse(readFileSync(join(dir, file), 'utf8')));
		for (const [key, text] of Object.entries(flat)) out[`${ns}:${key}`] = text;
	}
	return out;
}

/** The pattern at the start of a word (JS's \b knows no Cyrillic or ə). */
export function rejectedRegExp(pattern: string): RegExp {
	return new RegExp(`(?<!\\p{L})(?:${pattern})`, 'iu');
}

const messages = Object.fromEntries(LANGUAGES.map((lang) => [lang, messagesOf(lang)])) as Record<
	Language,
	Record<string, string>
>;

describe('terminology', () => {
	for (const concept of terminology.concepts) {
		it(`"${concept.concept}" has one term in each language`, () => {
			const excepted = new Set((concept.exceptions ?? []).map((e) => e.message));
			const found: string[] = [];
			for (const lang of LANGUAGES) {
				for (const { pattern } of concept.rejected[lang] ?? []) {
					const re = rejectedRegExp(pattern);
					for (const [id, text] of Object.entries(messages[lang])) {
						if (excepted.has(`${lang}:${id}`)) continue;
						// A placeholder's name ({{status}}) is code, not a word the reader sees.
						const hit = re.exec(text.replace(/\{\{[^}]*\}\}/g, '{{}}'));
						if (hit) found.push(`${lang}:${id} has “${hit[0]}”: ${text}`);
					}
				}
			}
			expect(found).toEqual([]);
		});
	}

	it('names real messages in its exceptions, each with a reason', () => {
		for (const concept of terminology.concepts) {
			for (const { message, why } of concept.exceptions ?? []) {
				const [lang, ...rest] = message.split(':');
				expect(messages[lang as Language]?.[rest.join(':')], message).toBeTypeOf('string');
				expect(why.trim(), message).not.toBe('');
			}
		}
	});

	it('matches inflected Russian and Azerbaijani forms but not other words', () => {
		const measure = rejectedRegExp('мер(?:а|ы|у|ой|е|ам|ами|ах)?(?!\\p{L})');
		expect(measure.test('Меры и заседания')).toBe(true);
		expect(measure.test('например, 12')).toBe(false);
		expect(measure.test('Номер заседания')).toBe(false);
		const value = rejectedRegExp('qiymət(?!ləndir)');
		expect(value.test('Son qiymətlər')).toBe(true);
		expect(value.test('Qiymətləndirmək üçün')).toBe(false);
	});
});

describe('Azerbaijani messages never glue a suffix onto a placeholder', () => {
	// The ending would have to follow the inserted value's last vowel ("6-dır", "3-dür") or its case.
	const GLUED: [RegExp, string][] = [
		[/\}\}['’-]?\p{L}/u, 'a suffix or letter right after the placeholder'],
		[
			/\}\}\s+(?:sonra|əvvəl|qədər|başqa|savayı|ötrü|dək)(?!\p{L})/u,
			'a postposition that needs the ablative or dative of the value'
		],
		[
			/\}\}\s+(?:saxla|sil|seç|aç|göstər|yoxla|yaz|dəyiş|əlavə et|redaktə et)(?!\p{L})/u,
			'an imperative whose object needs the accusative ending'
		]
	];

	it('puts every placeholder where no ending depends on it', () => {
		const found: string[] = [];
		for (const [id, text] of Object.entries(messages.az)) {
			for (const [re, why] of GLUED) if (re.test(text)) found.push(`${id} (${why}): ${text}`);
		}
		expect(found).toEqual([]);
	});

	it('would flag the patterns the review found', () => {
		const flagged = (text: string) => GLUED.some(([re]) => re.test(text));
		expect(flagged('qiymət {{value}}-dir')).toBe(true);
		expect(flagged('{{time}} sonra yenidən cəhd edin')).toBe(true);
		expect(flagged('{{value}} saxla')).toBe(true);
		expect(flagged('{{threshold}}-dək')).toBe(true);
		expect(flagged('Saxla: {{value}}')).toBe(false);
		expect(flagged('{{value}} saxlanılacaq')).toBe(false);
	});
});
