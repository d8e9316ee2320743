import { AREAS, isAreaId, type AreaId } from '../areas';
import type { Indicator } from '../indicators';
import {
	PERIOD_TYPE_OF,
	nextPeriod,
	periodContaining,
	periodEnd,
	periodStart,
	type Periodicity
} from '../periods';
import { PROGRESS_STATUSES, type ProgressStatus } from '../progress';

/**
 * What a dashboard shows, read from and written to the URL query so a view can be bookmarked
 * and shared: ?from=2025-01&to=2026-11&location=reg-ganja&area=labour&status=off_track&sort=status
 */
export const SORTS = ['code', 'status', 'progress'] as const;

/**
 * What a row's status badge says: a place's count held to no national target (not comparable)
 * says "No local target", not "No data", and each filter matches only its own.
 */
export const SHOWN_STATUSES = [...PROGRESS_STATUSES, 'not_comparable'] as const;
export type ShownStatus = (typeof SHOWN_STATUSES)[number];

export function shownStatus(row: {
	comparable: boolean;
	progress: { status: ProgressStatus };
}): ShownStatus {
	return row.comparable ? row.progress.status : 'not_comparable';
}

/** The rows a status filter keeps: those whose badge says that status (all without one). */
export function withStatus<R extends Parameters<typeof shownStatus>[0]>(
	rows: readonly R[],
	status: ShownStatus | null
): R[] {
	return status ? rows.filter((row) => shownStatus(row) === status) : [...rows];
}
export type Sort = (typeof SORTS)[number];

export interface DashboardFilters {
	/** First and last month of the range, "YYYY-MM"; null: the default. */
	from: string | null;
	to: string | null;
	/** A place and everything under it; null: the whole country. */
	location: string | null;
	area: AreaId | null;
	status: ShownStatus | null;
	sort: Sort;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export function readFilters(query: URLSearchParams): DashboardFilters {
	const month = (key: string) => {
		const value = query.get(key);
		return value && MONTH.test(value) ? value : null;
	};
	const area = query.get('area');
	const status = query.get('status');
	const sort = query.get('sort');
	let from = month('from');
	let to = month('to');
	if (from && to && from > to) [from, to] = [to, from];
	return {
		from,
		to,
		location: query.get('location') || null,
		area: isAreaId(area) ? area : null,
		status: (SHOWN_STATUSES as readonly string[]).includes(status ?? '')
			? (status as ShownStatus)
			: null,
		sort: (SORTS as readonly string[]).includes(sort ?? '') ? (sort as Sort) : 'code'
	};
}

/** The query string of a set of filters, leaving defaults out so links stay short. */
export function writeFilters(filters: DashboardFilters): string {
	const query = new URLSearchParams();
	if (filters.from) query.set('from', filters.from);
	if (filters.to) query.set('to', filters.to);
	if (filters.location) query.set('location', filters.location);
	if (filters.area) query.set('area', filters.area);
	if (filters.status) query.set('status', filters.status);
	if (filters.sort !== 'code') query.set('sort', filters.sort);
	const text = query.toString();
	return text ? `?${text}` : '';
}

export interface MonthRange {
	from: string;
	to: string;
}

/**
 * The months in view: as chosen, else from the earliest baseline of the catalogue (the start
 * of the Roadmap) up to the month that holds today. Values older than the Roadmap are not read.
 */
export function monthRange(
	filters: Pick<DashboardFilters, 'from' | 'to'>,
	indicators: readonly Pick<Indicator, 'baseline'>[],
	today: string
): MonthRange {
	const baselines = indicators
		.map((i) => i.baseline?.date)
		.filter((d): d is string => !!d)
		.sort();
	const thisMonth = periodContaining(today, 'month');
	const start = baselines[0] ? periodContaining(baselines[0], 'month') : `${today.slice(0, 4)}-01`;
	const to = filters.to ?? thisMonth;
	const from = filters.from ?? (start <= to ? start : to);
	return { from, to };
}

/**
 * The first and last period of a periodicity that lie in the range: a period counts when it
 * starts inside it (so this year's yearly figure is in view from January).
 */
export function periodBounds(
	periodicity: Periodicity,
	range: MonthRange
): { first: string; last: string } | null {
	const type = PERIOD_TYPE_OF[periodicity];
	let first = periodContaining(periodStart(range.from), type);
	if (periodStart(first) < periodStart(range.from)) first = nextPeriod(first);
	const last = periodContaining(periodEnd(range.to), type);
	return periodStart(first) <= periodStart(last) ? { first, last } : null;
}

export { AREAS };
