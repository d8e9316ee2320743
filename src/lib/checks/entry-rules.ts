import type { LocalIndicator, LocalValue, YolDatabase } from '$lib/db/database';
import { valuesInSlices } from '$lib/db/value-packs';
import { checkAll, type Violation } from '$lib/domain/rules/evaluate';
import type { Rule } from '$lib/domain/rules/schema';
import { previousPeriod } from '$lib/domain/periods';
import { ruleInputs } from './inputs';
import { activeRules } from './rules-db';

/** What the entry grid checks its cells with: the indicator's rules and the values they read. */
export interface EntryRules {
	rules: Rule[];
	indicators: LocalIndicator[];
	/** The other indicators' values at this place and period that the rules compare with. */
	others: LocalValue[];
}

export async function loadEntryRules(
	db: YolDatabase,
	indicatorId: string,
	locationId: string,
	period: string
): Promise<EntryRules> {
	return db.transaction('r', [db.rules, db.indicators, db.values, db.valuePacks], async () => {
		const rules = await activeRules(db, indicatorId);
		if (rules.length === 0) return { rules, indicators: [], others: [] };
		const indicators = await db.indicators.toArray();
		const inputs = ruleInputs(rules, indicators).filter((i) => i.id !== indicatorId);
		const slices = inputs.map((i) => [i.id, period] as const);
		const others = (await valuesInSlices(db, slices)).filter((v) => v.locationId === locationId);
		return { rules, indicators, others };
	});
}

const asRecord = (cell: string, value: number | null) => ({ cell, value, deleted: false });

/**
 * The rules broken by what the grid shows now: the cells as typed (when valid) or stored, the
 * previous period's cells, and the other indicators' stored values. Checked as the person types,
 * so a warning appears before anything leaves the field.
 */
export function entryViolations(
	data: EntryRules,
	grid: { indicatorId: string; locationId: string; period: string },
	current: Readonly<Record<string, number | null>>,
	previous: ReadonlyMap<string, Pick<LocalValue, 'cell' | 'value' | 'deleted'>>
): Violation[] {
	if (data.rules.length === 0) return [];
	const before = previousPeriod(grid.period);
	return checkAll(
		data.rules,
		{
			indicators: data.indicators,
			recordsOf: (indicatorId, locationId, period) => {
				if (locationId !== grid.locationId) return [];
				if (indicatorId === grid.indicatorId) {
					if (period === grid.period) {
						return Object.entries(current).map(([cell, value]) => asRecord(cell, value));
					}
					return period === before ? [...previous.values()] : [];
				}
				return data.others.filter((v) => v.indicatorId === indicatorId && v.period === period);
			}
		},
		grid.locationId,
		grid.period
	);
}
