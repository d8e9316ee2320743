import { AREAS, type AreaId } from '$lib/domain/areas';
import { indicatorRow, type DashboardData, type IndicatorRow } from '../load';

/** One slide of meeting mode: an area's overview, or one indicator picked for discussion. */
export type Slide =
	{ kind: 'area'; area: AreaId; rows: IndicatorRow[] } | { kind: 'indicator'; row: IndicatorRow };

/** Every area first (in roadmap order), then the picked indicators with their full series. */
export function meetingSlides(
	data: DashboardData,
	grouped: ReadonlyMap<AreaId, IndicatorRow[]>,
	picked: ReadonlySet<string>
): Slide[] {
	const areas = AREAS.map((area) => ({
		kind: 'area' as const,
		area,
		rows: grouped.get(area) ?? []
	}));
	const indicators = [...grouped.values()]
		.flat()
		.filter((r) => picked.has(r.indicator.id))
		.map((r) => ({ kind: 'indicator' as const, row: indicatorRow(data, r.indicator) }));
	return [...areas, ...indicators];
}

/** How many of an area's rows have a status. */
export const statusCount = (rows: readonly IndicatorRow[], status: string) =>
	rows.filter((r) => r.progress.status === status).length;
