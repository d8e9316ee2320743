import type {
	LocalIndicator,
	LocalLocation,
	LocalMeasure,
	LocalValue,
	YolDatabase
} from '$lib/db/database';
import type { AreaId } from '$lib/domain/areas';
import {
	monthRange,
	periodBounds,
	withStatus,
	type DashboardFilters,
	type MonthRange
} from '$lib/domain/dashboard/filters';
import { buildCube, series, type Cube, type Point } from '$lib/domain/dashboard/rollup';
import { edgeSlice, valuesInRange } from '$lib/db/value-packs';
import { formulaReferences } from '$lib/domain/formula';
import { leaves } from '$lib/domain/locations';
import {
	STATUS_SEVERITY,
	assessProgress,
	observationsOf,
	type Progress
} from '$lib/domain/progress';
import { SUPPRESSION_SETTING_ID, suppressionThreshold } from '$lib/domain/dashboard/suppression';
import { isAdditive } from '$lib/domain/units';

/** Written by the sync scheduler after every successful round. */
const LAST_SYNCED_KEY = 'last_synced_at';

export interface DashboardData {
	indicators: LocalIndicator[];
	locations: LocalLocation[];
	range: MonthRange;
	cube: Cube;
	/** The places figures are summed over; null: every place (the whole country). */
	within: ReadonlySet<string> | null;
	/** The chosen place, when it is not the whole country. */
	place: LocalLocation | null;
	/**
	 * The places of a person with a scope (a caseworker), when no place is chosen: what they see
	 * by default instead of the whole country, whose figures their device does not hold.
	 */
	scope: LocalLocation[] | null;
	lastSyncedAt: string | null;
	threshold: number;
}

/** The indicators whose values a set of indicators needs (computed ones read their inputs). */
function needed(all: readonly LocalIndicator[], wanted: readonly LocalIndicator[]) {
	const byCode = new Map(all.map((i) => [i.code, i]));
	const result = new Map<string, LocalIndicator>();
	const stack = [...wanted];
	while (stack.length) {
		const indicator = stack.pop()!;
		if (result.has(indicator.id)) continue;
		result.set(indicator.id, indicator);
		for (const code of indicator.formula ? formulaReferences(indicator.formula) : []) {
			const input = byCode.get(code);
			if (input) stack.push(input);
		}
	}
	return [...result.values()].filter((i) => !i.formula);
}

/**
 * Everything a dashboard shows, read from this device in one read transaction: the catalogue,
 * and the values of the wanted indicators in the months in view, each indicator's periods
 * read as one key range of the [indicatorId+period] index. Values from before the range (years
 * of history on a long-used tablet) are never read.
 */
export async function loadDashboard(
	db: YolDatabase,
	filters: Pick<DashboardFilters, 'from' | 'to' | 'location' | 'area'>,
	today: string,
	only?: (indicator: LocalIndicator) => boolean,
	/**
	 * 'latest': only each indicator's newest period in the range (and its first one when it has
	 * no baseline), which is all a status needs: the overview reads a few hundred records
	 * instead of every value of the Roadmap period. 'series': every period, for trends.
	 */
	depth: 'latest' | 'series' = 'series',
	/** The signed-in person's places (Actor.locationIds); null: every place. */
	scopeIds: readonly string[] | null = null
): Promise<DashboardData> {
	const tables = [db.indicators, db.locations, db.values, db.valuePacks, db.meta, db.settings];
	return db.transaction('r', tables, async () => {
		const [indicators, locations, synced, threshold] = await Promise.all([
			db.indicators.toArray(),
			db.locations.toArray(),
			db.meta.get(LAST_SYNCED_KEY),
			db.settings.get(SUPPRESSION_SETTING_ID)
		]);
		const range = monthRange(filters, indicators, today);
		const wanted = indicators.filter(
			(i) => (!filters.area || i.area === filters.area) && (!only || only(i))
		);
		const reads = needed(indicators, wanted).map((indicator) => {
			const bounds = periodBounds(indicator.periodicity, range);
			if (!bounds) return Promise.resolve([] as LocalValue[]);
			if (depth === 'series') return valuesInRange(db, indicator.id, bounds.first, bounds.last);
			return endPeriods(db, indicator, bounds);
		});
		const cube = buildCube((await Promise.all(reads)).flat());
		const chosen = locations.find((l) => l.id === filters.location) ?? null;
		const mine = !chosen && scopeIds ? locations.filter((l) => scopeIds.includes(l.id)) : [];
		// One place in scope reads as that place chosen; several are summed together.
		const place = chosen ?? (mine.length === 1 ? mine[0]! : null);
		const roots = place ? [place] : mine;
		const national = roots.length === 0 || roots.some((l) => l.parentId === null);
		const within = national
			? null
			: new Set(roots.flatMap((r) => [r.id, ...leaves(locations, r.id).map((l) => l.id)]));
		return {
			indicators,
			locations,
			range,
			cube,
			within,
			place: national ? null : place,
			scope: !national && !chosen && mine.length > 0 ? mine : null,
			lastSyncedAt: typeof synced?.value === 'string' ? synced.value : null,
			threshold: suppressionThreshold(threshold)
		};
	});
}

/** The records of an indicator's newest period in range, and of its first when it lacks a baseline. */
async function endPeriods(
	db: YolDatabase,
	indicator: LocalIndicator,
	bounds: { first: string; last: string }
): Promise<LocalValue[]> {
	const real = (r: LocalValue) => !r.deleted && r.value !== null;
	const newest = await edgeSlice(db, indicator.id, bounds.first, bounds.last, 'newest', real);
	if (indicator.baseline || newest.length === 0) return newest;
	const oldest = await edgeSlice(db, indicator.id, bounds.first, bounds.last, 'oldest', real);
	return oldest[0]?.period === newest[0]?.period ? newest : [...oldest, ...newest];
}

export interface IndicatorRow {
	indicator: LocalIndicator;
	points: Point[];
	latest: Point | null;
	progress: Progress;
	/**
	 * False when the targets (national figures) cannot be compared with the place in view: a
	 * district's count of people is a share of a national target, not a figure to hold to it.
	 */
	comparable: boolean;
	/** The figures are a place's (or a scope's), not the whole country's. */
	local: boolean;
}

export function indicatorRow(data: DashboardData, indicator: LocalIndicator): IndicatorRow {
	const points = series(indicator, data.indicators, data.cube, data.within);
	const latest = [...points].reverse().find((p) => p.value !== null) ?? null;
	const comparable = data.within === null || !isAdditive(indicator.unit);
	const progress = assessProgress(
		comparable ? indicator : { direction: indicator.direction, baseline: null, target: null },
		observationsOf(points)
	);
	return { indicator, points, latest, progress, comparable, local: data.within !== null };
}

/** By code number within an area (H2 before H10). */
export function byCode(a: { code: string }, b: { code: string }): number {
	return (
		a.code.charAt(0).localeCompare(b.code.charAt(0)) ||
		Number(a.code.slice(1)) - Number(b.code.slice(1))
	);
}

export function overviewRows(
	data: DashboardData,
	filters: Pick<DashboardFilters, 'area' | 'status' | 'sort'>
): Map<AreaId, IndicatorRow[]> {
	const rows = withStatus(
		data.indicators
			.filter((i) => !filters.area || i.area === filters.area)
			.map((i) => indicatorRow(data, i)),
		filters.status
	);
	const progressOf = (r: IndicatorRow) => r.progress.explanation.actual ?? Number.POSITIVE_INFINITY;
	rows.sort((a, b) => {
		if (filters.sort === 'status') {
			const d = STATUS_SEVERITY[a.progress.status] - STATUS_SEVERITY[b.progress.status];
			if (d) return d;
		}
		if (filters.sort === 'progress') {
			const d = progressOf(a) - progressOf(b);
			if (d) return d;
		}
		return byCode(a.indicator, b.indicator);
	});
	const grouped = new Map<AreaId, IndicatorRow[]>();
	for (const row of rows) {
		const list = grouped.get(row.indicator.area) ?? [];
		list.push(row);
		grouped.set(row.indicator.area, list);
	}
	return grouped;
}

export interface CommentLine {
	locationId: string;
	period: string;
	cell: string;
	comment: string;
	updatedAt: string;
	updatedBy: string;
}

/** The newest comments on an indicator's values in the months in view, at the places in view. */
export async function latestComments(
	db: YolDatabase,
	indicator: LocalIndicator,
	data: Pick<DashboardData, 'range' | 'within'>,
	limit = 8
): Promise<CommentLine[]> {
	const bounds = periodBounds(indicator.periodicity, data.range);
	if (!bounds || indicator.formula) return [];
	const records = (await valuesInRange(db, indicator.id, bounds.first, bounds.last)).filter(
		(r) =>
			!r.deleted &&
			r.comment.trim() !== '' &&
			(data.within === null || data.within.has(r.locationId))
	);
	return records
		.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
		.slice(0, limit)
		.map(({ locationId, period, cell, comment, updatedAt, updatedBy }) => ({
			locationId,
			period,
			cell,
			comment,
			updatedAt,
			updatedBy
		}));
}

/** The roadmap measures that name this indicator among theirs, in chapter and number order. */
export async function linkedMeasures(
	db: YolDatabase,
	indicator: Pick<LocalIndicator, 'id'>
): Promise<LocalMeasure[]> {
	const linked = await db.measures.filter((m) => m.indicatorIds.includes(indicator.id)).toArray();
	// Loaded here, not with the module: the overview never lists measures (the app shell's size).
	const { sortMeasures } = await import('$lib/domain/measures');
	return sortMeasures(linked);
}
