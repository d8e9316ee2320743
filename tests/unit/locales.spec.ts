import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../src/lib/domain/languages';

const ROOT = join(import.meta.dirname, '../../locales');
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

type Messages = Record<string, string>;

function flatten(value: unknown, prefix = ''): Messages {
	if (typeof value === 'string') return { [prefix]: value };
	const out: Messages = {};
	for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
		Object.assign(out, flatten(inner, prefix ? `${prefix}.${key}` : key));
	}
	return out;
}

function load(lang: string): Record<string, Messages> {
	const files = readdirSync(join(ROOT, lang)).filter((f) => f.endsWith('.json'));
	return Object.fromEntries(
		files.map((f) => [
			f.replace(/\.json$/, ''),
			flatten(JSON.parse(readFileSync(join(ROOT, lang, f), 'utf8')))
		])
	);
}

const catalogs = Object.fromEntries(LANGUAGES.map((lang) => [lang, load(lang)]));

/** Keys with plural suffixes folded, so "n_one"/"n_few" compare as one message "n". */
function messageKeys(messages: Messages): Set<string> {
	return new Set(Object.keys(messages).map((k) => k.replace(PLURAL_SUFFIX, '')));
}

function placeholders(text: string): string[] {
	return [...text.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1]!).sort();
}

describe('message files', () => {
	it('have the same namespaces in every language', () => {
		const [first, ...rest] = LANGUAGES.map((lang) => Object.keys(catalogs[lang]!).sort());
		for (const other of rest) expect(other).toEqual(first);
	});

	for (const ns of Object.keys(catalogs.en!)) {
		it(`"${ns}" has every key in az, en and ru`, () => {
			const keys = LANGUAGES.map((lang) => messageKeys(catalogs[lang]![ns] ?? {}));
			const all = new Set(keys.flatMap((k) => [...k]));
			for (const [i, lang] of LANGUAGES.entries()) {
				const missing = [...all].filter((k) => !keys[i]!.has(k));
				expect(missing, `${lang}/${ns}.json lacks`).toEqual([]);
			}
		});

		it(`"${ns}" uses the same placeholders in every language`, () => {
			for (const key of messageKeys(catalogs.en![ns]!)) {
				const per = LANGUAGES.map((lang) => {
					const messages = catalogs[lang]![ns]!;
					const variants = Object.entries(messages).filter(
						([k]) => k === key || k.replace(PLURAL_SUFFIX, '') === key
					);
					return [...new Set(variants.flatMap(([, text]) => placeholders(text)))].sort();
				});
				expect(per[1], `az vs en for ${ns}:${key}`).toEqual(per[0]);
				expect(per[2], `ru vs en for ${ns}:${key}`).toEqual(per[0]);
			}
		});

		it(`"${ns}" has every plural form each language needs`, () => {
			for (const lang of LANGUAGES) {
				const messages = catalogs[lang]![ns]!;
				const plurals = new Set(
					Object.keys(messages)
						.filter((k) => PLURAL_SUFFIX.test(k))
						.map((k) => k.replace(PLURAL_SUFFIX, ''))
				);
				const forms = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
				for (const base of plurals) {
					for (const form of forms) {
						expect(messages[`${base}_${form}`], `${lang}/${ns}:${base}_${form}`).toBeTypeOf(
							'string'
						);
					}
				}
			}
		});
	}
});

describe('plurals through i18next', () => {
	it('follow Russian one/few/many and English and Azerbaijani one/other', async () => {
		const i18n = i18next.createInstance();
		await i18n.init({
			lng: 'ru',
			resources: Object.fromEntries(
				LANGUAGES.map((lang) => [lang, { common: catalogs[lang]!.common! }])
			),
			defaultNS: 'common',
			keySeparator: false,
			interpolation: { escapeValue: false }
		});
		const ru = (count: number) => i18n.t('sync.pending', { count, lng: 'ru' });
		expect(ru(1)).toBe('1 изменение ожидает синхронизации');
		expect(ru(3)).toBe('3 изменения ожидают синхронизации');
		expect(ru(5)).toBe('5 изменений ожидают синхронизации');
		expect(ru(21)).toBe('21 изменение ожидает синхронизации');
		expect(ru(112)).toBe('112 изменений ожидают синхронизации');
		expect(i18n.t('sync.pending', { count: 1, lng: 'en' })).toBe('1 change waiting to sync');
		expect(i18n.t('sync.pending', { count: 2, lng: 'en' })).toBe('2 changes waiting to sync');
		expect(i18n.t('sync.pending', { count: 2, lng: 'az' })).toBe(
			'2 dəyişiklik sinxronlaşdırılmanı gözləyir'
		);
	});
});

/**
 * Nouns English writes differently for one and for several. A number placeholder before one of
 * them in a message without plural forms reads "Save 1 values" whenever the number is one.
 */
const COUNTED_NOUNS =
	'values|rows|places|indicators|users|items|conflicts|measures|devices|problems|files|meetings|entries|notes|comments|records|cells|periods|rules|decisions';
const NUMBER_BEFORE_PLURAL = new RegExp(
	`\\{\\{\\s*\\w+\\s*\\}\\}\\s+(?:\\w+\\s+)?(${COUNTED_NOUNS})\\b`
);
/** Messages whose number is never one where they are shown (the key says why). */
const NEVER_ONE = new Set([
	// "The first {{shown}} of {{n}} rows": shown only when n is more than the rows listed.
	'import:preview.showing'
]);

describe('English counts', () => {
	it('a number before a plural noun comes with a message for one', () => {
		const wrong: string[] = [];
		for (const [ns, messages] of Object.entries(catalogs.en!)) {
			for (const [key, text] of Object.entries(messages)) {
				if (PLURAL_SUFFIX.test(key) || NEVER_ONE.has(`${ns}:${key}`)) continue;
				if (NUMBER_BEFORE_PLURAL.test(text)) wrong.push(`${ns}:${key}: ${text}`);
			}
		}
		expect(wrong, 'give these _one and _other forms, and pass count').toEqual([]);
	});

	it('the import and export notices say "1 value", not "1 values"', async () => {
		const i18n = i18next.createInstance();
		await i18n.init({
			lng: 'en',
			resources: Object.fromEntries(
				LANGUAGES.map((lang) => [
					lang,
					{ import: catalogs[lang]!.import!, exchange: catalogs[lang]!.exchange! }
				])
			),
			keySeparator: false,
			interpolation: { escapeValue: false }
		});
		const confirm = (count: number, lng: string) =>
			i18n.t('preview.confirm', { ns: 'import', count, n: String(count), lng });
		expect(confirm(1, 'en')).toBe('Save 1 value on this device');
		expect(confirm(2, 'en')).toBe('Save 2 values on this device');
		// Azerbaijani and Russian put the number after a colon, one form for every count.
		expect(confirm(1, 'ru')).toBe('Сохранить значения на этом устройстве: 1');
		expect(confirm(5, 'az')).toBe('Dəyərləri bu cihazda saxla: 5');
		expect(
			i18n.t('export.done', {
				ns: 'exchange',
				count: 1,
				file: 'f.json',
				exported: '1',
				skipped: '0',
				lng: 'en'
			})
		).toBe('f.json: 1 value exported, 0 left out.');
	});
});
