import Papa from 'papaparse';
import { readSheet } from 'read-excel-file/node';
import writeXlsxFile from 'write-excel-file/node';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ExportTable } from '../../src/lib/dashboard/export';
import type { IndicatorRow } from '../../src/lib/dashboard/load';
import { indicatorTable } from '../../src/lib/dashboard/tables';
import type { LocalIndicator } from '../../src/lib/db/database';
import { buildCsv, type CsvField } from '../../src/lib/domain/dashboard/csv';
import { guessMapping } from '../../src/lib/domain/import/headers';
import {
	countOutcomes,
	previewImport,
	type CurrentValue
} from '../../src/lib/domain/import/preview';
import { rowsFromTable } from '../../src/lib/domain/import/table';
import type { Language } from '../../src/lib/domain/languages';
import { pathLabel } from '../../src/lib/domain/locations';
import { periodsInRange } from '../../src/lib/domain/periods';
import { SEED_INDICATORS } from '../../src/lib/domain/seed/catalogue';
import { SEED_LOCATIONS } from '../../src/lib/domain/seed/locations';
import { valueId } from '../../src/lib/domain/value-id';
import { initI18n, loadNamespaces, setLanguage } from '../../src/lib/i18n';
import { cellText } from '../../src/lib/import/sheet-text';

/**
 * The indicator page's own export (its places' own figures per period), as CSV and as .xlsx,
 * read back by the import: every row is "unchanged", in each interface language.
 */

const districts = SEED_LOCATIONS.filter((l) => l.level === 'district');
const cases = [
	['H3', periodsInRange('2026-01', '2026-06')],
	['H2', periodsInRange('2025Q1', '2026Q2')],
	['H1', ['2024', '2025']]
] as const;

/** A value per district and period, as the device holds them (decimals where the unit allows). */
function held(code: string, periods: readonly string[]) {
	const indicator = SEED_INDICATORS.find((i) => i.code === code)!;
	const values = new Map<string, CurrentValue>();
	const places = districts.map((place, p) => ({
		label: '',
		id: place.id,
		points: periods.map((period, i) => {
			const raw = (p * 37 + i * 11) % 90;
			const value = indicator.unit === 'percent' ? raw + 0.25 : raw;
			values.set(valueId(indicator.id, place.id, period, 'total'), { value, comment: '' });
			return { period, value };
		})
	}));
	return { indicator, values, places };
}

function exported(code: string, periods: readonly string[], lang: Language) {
	const { indicator, values, places } = held(code, periods);
	const row = { indicator: indicator as LocalIndicator } as IndicatorRow;
	const table = indicatorTable(
		row,
		lang,
		0,
		places.map((p) => ({ label: pathLabel(SEED_LOCATIONS, p.id, lang), points: p.points }))
	);
	return { table, values };
}

function readCsv(text: string) {
	const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' });
	const [headers = [], ...rows] = parsed.data;
	return { headers, rows };
}

async function viaXlsx(table: ExportTable) {
	// The same cells as the app's XLSX export (export.ts): numbers as numbers, the rest as text.
	const cell = (value: CsvField) =>
		typeof value === 'number' ? { value, type: Number } : { value: value ?? '', type: String };
	const data = [
		table.headers.map((h) => ({ value: h, type: String })),
		...table.rows.map((r) => r.map(cell))
	];
	const buffer = await writeXlsxFile(data as never).toBuffer();
	const sheet = await readSheet(buffer);
	const [headers = [], ...rows] = sheet.map((r) => r.map(cellText));
	return { headers, rows };
}

beforeAll(async () => {
	await initI18n('en');
	await loadNamespaces(['dashboard']);
});

describe.each(['az', 'en', 'ru'] as const)('the export re-imported in %s', (lang) => {
	beforeAll(async () => {
		await setLanguage(lang);
		await loadNamespaces(['dashboard']);
	});

	it.each(cases)('%s as CSV and as .xlsx: every row unchanged', async (code, periods) => {
		const { table, values } = exported(code, periods, lang);
		const catalogue = { indicators: SEED_INDICATORS, locations: SEED_LOCATIONS, scope: null };
		for (const file of [readCsv(buildCsv(table.headers, table.rows)), await viaXlsx(table)]) {
			const rows = rowsFromTable(file, guessMapping(file.headers));
			expect(rows).toHaveLength(districts.length * periods.length);
			const outcomes = previewImport(rows, catalogue, (id) => values.get(id), lang);
			const refused = outcomes.filter((o) => o.kind !== 'unchanged');
			expect(refused).toEqual([]);
			expect(countOutcomes(outcomes).unchanged).toBe(rows.length);
		}
	});
});
