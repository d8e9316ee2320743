import {
	parseIndicator,
	parseIndicatorValue,
	valueProblemsFor,
	type FieldProblem,
	type Indicator
} from '../../domain/indicators';
import { parseLocation } from '../../domain/location-schema';
import { SEED_INDICATORS } from '../../domain/seed/catalogue';
import { SEED_LOCATIONS } from '../../domain/seed/locations';
import type { Entity } from '../../domain/sync/protocol';
import type { Store } from '../db/store';
import { getRecord } from './records';

export type Checked = { ok: true; data: Record<string, unknown> } | { ok: false; reason: string };

/**
 * The indicators and places one push has already looked up, so that 500 values of a few
 * indicators read each indicator once instead of 500 times. Made per push; the push clears it
 * before any mutation of an indicator or a place, so a lookup never outlives a change to it.
 */
export class CatalogueLookups {
	readonly indicators = new Map<string, Indicator | undefined>();
	readonly places = new Map<string, boolean>();

	clear(): void {
		this.indicators.clear();
		this.places.clear();
	}
}

/**
 * Checks a mutation's record with the schemas the devices use, plus the rules that need other
 * records (a value's indicator and place, a place's parent). The catalogue a device seeds itself
 * counts as present even before the server holds it (a server started without demo data).
 * The reason always starts with the field at fault: "value: value breaks the unit rule: …".
 */
export async function checkRecord(
	tx: Store,
	entity: Entity,
	entityId: string,
	data: unknown,
	lookups: CatalogueLookups = new CatalogueLookups()
): Promise<Checked> {
	const checked =
		entity === 'value'
			? await checkValue(tx, data, lookups)
			: entity === 'indicator'
				? toChecked(parseIndicator(data))
				: await checkLocation(tx, data, lookups);
	if (!checked.ok) return checked;
	if (checked.data.id !== entityId) {
		return { ok: false, reason: `id: the record's id is not the mutation's entityId ${entityId}` };
	}
	return checked;
}

function toChecked(
	parsed: { ok: true; value: object } | { ok: false; problems: FieldProblem[] }
): Checked {
	return parsed.ok
		? { ok: true, data: parsed.value as Record<string, unknown> }
		: { ok: false, reason: describe(parsed.problems) };
}

export function describe(problems: readonly FieldProblem[]): string {
	return problems.map((p) => `${p.field || 'data'}: ${p.message}`).join('; ');
}

async function checkValue(tx: Store, data: unknown, lookups: CatalogueLookups): Promise<Checked> {
	const parsed = parseIndicatorValue(data);
	if (!parsed.ok) return toChecked(parsed);
	const record = parsed.value;
	const indicator = await findIndicator(tx, record.indicatorId, lookups);
	if (!indicator) {
		return { ok: false, reason: `indicatorId: there is no indicator ${record.indicatorId}` };
	}
	const problems = valueProblemsFor(record, indicator);
	if (problems.length > 0) return { ok: false, reason: describe(problems) };
	if (!(await locationExists(tx, record.locationId, lookups))) {
		return { ok: false, reason: `locationId: there is no place ${record.locationId}` };
	}
	return { ok: true, data: record as unknown as Record<string, unknown> };
}

async function checkLocation(
	tx: Store,
	data: unknown,
	lookups: CatalogueLookups
): Promise<Checked> {
	const checked = toChecked(parseLocation(data));
	if (!checked.ok) return checked;
	const parentId = checked.data.parentId;
	if (typeof parentId === 'string' && !(await locationExists(tx, parentId, lookups))) {
		return { ok: false, reason: `parentId: there is no place ${parentId}` };
	}
	return checked;
}

async function findIndicator(
	tx: Store,
	id: string,
	lookups: CatalogueLookups
): Promise<Indicator | undefined> {
	if (lookups.indicators.has(id)) return lookups.indicators.get(id);
	const stored = await getRecord(tx, 'indicator', id);
	const found = stored
		? stored.deleted
			? undefined
			: (stored.data as Indicator)
		: SEED_INDICATORS.find((i) => i.id === id);
	lookups.indicators.set(id, found);
	return found;
}

async function locationExists(tx: Store, id: string, lookups: CatalogueLookups): Promise<boolean> {
	const known = lookups.places.get(id);
	if (known !== undefined) return known;
	const stored = await getRecord(tx, 'location', id);
	const exists = stored ? !stored.deleted : SEED_LOCATIONS.some((l) => l.id === id);
	lookups.places.set(id, exists);
	return exists;
}
