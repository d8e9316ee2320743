import { gridCells, cellKey, type Cell } from '../disaggregation';
import type { Indicator, IndicatorValue } from '../indicators';
import { leaves, type Location } from '../locations';
import { PERIOD_TYPE_OF, periodEnd, periodsInRange, periodContaining } from '../periods';
import { elapsedFraction } from '../progress';
import { isAdditive } from '../units';
import { SEED_INDICATORS } from './catalogue';
import { SEED_LOCATIONS } from './locations';
import { valueId } from '../value-id';
import { hash32, seededRandom, type Random } from './prng';

/**
 * Demo values for 2025 and 2026 so that dashboards have something true-looking to show: every
 * entered indicator, every district, every period and cell, moving from baseline toward target
 * at its own pace, with noise. Deterministic: the same options give the same records.
 */

export interface DemoOptions {
	seed?: number;
	indicators?: readonly Indicator[];
	locations?: readonly Location[];
	from?: string;
	to?: string;
}

/**
 * How fast each indicator moves along its path (1 = exactly on it). Some lag on purpose, so
 * the dashboard shows at-risk and off-track indicators next to those on track.
 */
const PACE: Record<string, number> = {
	H1: 0.75,
	H4: 0.35,
	E2: 0.8,
	E4: 1.25,
	L1: 1.1,
	L4: 0.5,
	L5: 0.3,
	D1: 1.2,
	D2: 1.1,
	D4: -0.2,
	D5: 0.75
};

/** Where refugees live: Baku and Sumgayit take most, as in SMS reports. */
const DISTRICT_WEIGHT: Record<string, number> = {
	'dist-yasamal': 12,
	'dist-nasimi': 11,
	'dist-binagadi': 10,
	'dist-khatai': 9,
	'dist-sabunchu': 8,
	'dist-sumgayit': 9,
	'dist-absheron': 6,
	'dist-ganja': 7,
	'dist-yevlakh': 6,
	'dist-mingachevir': 4,
	'dist-lankaran': 4,
	'dist-masalli': 3,
	'dist-shaki': 3,
	'dist-zagatala': 2,
	'dist-guba': 3,
	'dist-shirvan': 3
};

const SHARE: Record<string, number> = {
	female: 0.47,
	male: 0.53,
	'0-17': 0.3,
	'18-34': 0.35,
	'35-59': 0.27,
	'60+': 0.08
};

/** Percentage points a group sits above or below the average (women's employment is lower). */
const OFFSET: Record<string, number> = {
	female: -3,
	male: 3,
	'0-17': 0,
	'18-34': 2,
	'35-59': 0,
	'60+': -4
};

interface Plan {
	seed: number;
	indicators: Indicator[];
	locations: Location[];
	from: string;
	to: string;
}

function plan(options: DemoOptions): Plan {
	return {
		seed: options.seed ?? 2026,
		indicators: (options.indicators ?? SEED_INDICATORS).filter((i) => !i.formula),
		locations: leaves(options.locations ?? SEED_LOCATIONS),
		from: options.from ?? '2025-01-01',
		to: options.to ?? '2026-12-31'
	};
}

function periodsOf(indicator: Indicator, from: string, to: string): string[] {
	const type = PERIOD_TYPE_OF[indicator.periodicity];
	return periodsInRange(periodContaining(from, type), periodContaining(to, type));
}

/** How many records generateDemoValues would make with these options, without making them. */
export function demoValueCount(options: DemoOptions = {}): number {
	const { indicators, locations, from, to } = plan(options);
	return indicators.reduce(
		(sum, i) =>
			sum + periodsOf(i, from, to).length * gridCells(i.disaggregations).length * locations.length,
		0
	);
}

function round(value: number, unit: Indicator['unit'], random: Random): number {
	if (unit === 'count') {
		// Random rounding keeps small district counts (0.4 of a person) right on average.
		const floor = Math.floor(value);
		return Math.max(0, floor + (random() < value - floor ? 1 : 0));
	}
	if (unit === 'currency_azn') return Math.max(0, Math.round(value * 100) / 100);
	if (unit === 'percent') return Math.min(100, Math.max(0, Math.round(value * 10) / 10));
	if (unit === 'yes_no') return value >= 0.5 ? 1 : 0;
	return Math.max(0, Math.round(value * 10) / 10);
}

/** The indicator's national figure for a period on its paced path, before noise. */
function pathValue(indicator: Indicator, period: string): number {
	const { baseline, target } = indicator;
	if (!baseline || !target) return baseline?.value ?? target?.value ?? 0;
	const elapsed = elapsedFraction(baseline.date, target.date, periodEnd(period));
	const pace = PACE[indicator.code] ?? 1;
	return baseline.value + (target.value - baseline.value) * elapsed * pace;
}

function cellValue(
	indicator: Indicator,
	national: number,
	weight: number,
	placeOffset: number,
	cell: Cell,
	random: Random
): number {
	const groups = Object.values(cell);
	const noise = (random() - 0.5) * 2;
	if (isAdditive(indicator.unit)) {
		const share = groups.reduce((s, g) => s * (SHARE[g] ?? 1), 1);
		return national * weight * share * (1 + 0.15 * noise);
	}
	const offset = groups.reduce((s, g) => s + (OFFSET[g] ?? 0), 0);
	return national + placeOffset + offset + 2 * noise;
}

export function generateDemoValues(options: DemoOptions = {}): IndicatorValue[] {
	const { seed, indicators, locations, from, to } = plan(options);
	const totalWeight = locations.reduce((s, l) => s + (DISTRICT_WEIGHT[l.id] ?? 5), 0);
	const records: IndicatorValue[] = [];

	for (const indicator of indicators) {
		const periods = periodsOf(indicator, from, to);
		const cells = gridCells(indicator.disaggregations);
		for (const location of locations) {
			// One stream per indicator and place: adding a district does not reshuffle the others.
			const random = seededRandom(seed ^ hash32(`${indicator.code}|${location.id}`));
			const weight = (DISTRICT_WEIGHT[location.id] ?? 5) / totalWeight;
			const placeOffset = (random() - 0.5) * 12;
			for (const period of periods) {
				const national = pathValue(indicator, period);
				for (const cell of cells) {
					const key = cellKey(cell);
					const raw = cellValue(indicator, national, weight, placeOffset, cell, random);
					records.push({
						id: valueId(indicator.id, location.id, period, key),
						indicatorId: indicator.id,
						locationId: location.id,
						period,
						cell: key,
						value: round(raw, indicator.unit, random),
						comment: '',
						updatedAt: `${periodEnd(period)}T14:00:00.000Z`,
						updatedBy: 'demo',
						rev: 0,
						deleted: false
					});
				}
			}
		}
	}
	return records;
}
