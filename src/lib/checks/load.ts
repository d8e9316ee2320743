import type { LocalIndicator, LocalLocation, YolDatabase } from '$lib/db/database';
import { valuesInSlices } from '$lib/db/value-packs';
import { placesInView } from '$lib/dashboard/completeness/load';
import { duePeriods } from '$lib/domain/completeness/expected';
import { comparePeriods, previousPeriod } from '$lib/domain/periods';
import { checkRule, type RuleContext, type Violation } from '$lib/domain/rules/evaluate';
import type { Rule } from '$lib/domain/rules/schema';
import { activeRules } from './rules-db';
import { ruleInputs } from './inputs';

export interface ChecksData {
	rules: Rule[];
	indicators: LocalIndicator[];
	locations: LocalLocation[];
	/** By period, then place, then rule: the order the page lists them. */
	violations: Violation[];
}

type Records = ReturnType<RuleContext['recordsOf']>;

/**
 * Every broken rule in a reporting period (each rule's indicator in its due periods), at the
 * places in view, read from this device: what the checks page lists and exports.
 */
export async function loadChecks(
	db: YolDatabase,
	period: string,
	scopeIds: readonly string[] | null,
	chosen: string | null = null
): Promise<ChecksData> {
	const tables = [db.indicators, db.locations, db.values, db.valuePacks, db.rules];
	return db.transaction('r', tables, async () => {
		const [indicators, locations, rules] = await Promise.all([
			db.indicators.toArray(),
			db.locations.toArray(),
			activeRules(db)
		]);
		const byId = new Map(indicators.map((i) => [i.id, i]));
		const checked = rules.filter((r) => byId.get(r.indicatorId)?.formula === null);
		// Which (indicator, period) slices to read: each rule's own due periods and the ones before
		// them (a change rule), and what its expression reads in those periods.
		const slices = new Map<string, readonly [string, string]>();
		const want = (indicatorId: string, p: string) =>
			slices.set(`${indicatorId}|${p}`, [indicatorId, p]);
		const work: { rule: Rule; period: string }[] = [];
		for (const rule of checked) {
			const indicator = byId.get(rule.indicatorId)!;
			const inputs = ruleInputs([rule], indicators);
			for (const due of duePeriods(indicator.periodicity, period)) {
				work.push({ rule, period: due });
				want(indicator.id, due);
				if (rule.kind === 'change') want(indicator.id, previousPeriod(due));
				for (const input of inputs) want(input.id, due);
			}
		}
		const values = await valuesInSlices(db, [...slices.values()]);
		const index = new Map<string, Records[number][]>();
		for (const v of values) {
			const key = `${v.indicatorId}|${v.locationId}|${v.period}`;
			let list = index.get(key);
			if (!list) index.set(key, (list = []));
			list.push(v);
		}
		const context: RuleContext = {
			indicators,
			recordsOf: (indicatorId, locationId, p) =>
				index.get(`${indicatorId}|${locationId}|${p}`) ?? []
		};
		const places = placesInView(locations, scopeIds, chosen);
		const violations = work.flatMap(({ rule, period: due }) =>
			places.flatMap((place) => checkRule(rule, context, place, due))
		);
		const order = new Map(places.map((p, i) => [p, i]));
		violations.sort(
			(a, b) =>
				comparePeriods(a.period, b.period) ||
				order.get(a.locationId)! - order.get(b.locationId)! ||
				a.ruleId.localeCompare(b.ruleId)
		);
		return { rules, indicators, locations, violations };
	});
}
