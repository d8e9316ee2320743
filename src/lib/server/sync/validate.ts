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
 * Checks a mutation's record with the schemas the devices use, plus the rules that need other
 * records (a value's indicator and place, a place's parent). The catalogue a device seeds itself
 * counts as present even before the server holds it (a server started without demo data).
 * The reason always starts with the field at fault: "value: value breaks the unit rule: …".
 */
export async function checkRecord(
	tx: Store,
	entity: Entity,
	entityId: string,
	data: unknown
): Promise<Checked> {
	if (entity === 'conflict') {
		return { ok: false, reason: 'entity: conflicts are written by the server only' };
	}
	const checked =
		entity === 'value'
			? await checkValue(tx, data)
			: entity === 'indicator'
				? await checkIndicator(tx, data)
				: await checkLocation(tx, data);
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

async function checkValue(tx: Store, data: unknown): Promise<Checked> {
	const parsed = parseIndicatorValue(data);
	if (!parsed.ok) return toChecked(parsed);
	const record = parsed.value;
	const indicator = await findIndicator(tx, record.indicatorId);
	if (!indicator) {
		return { ok: false, reason: `indicatorId: there is no indicator ${record.indicatorId}` };
	}
	const problems = valueProblemsFor(record, indicator);
	if (problems.length > 0) return { ok: false, reason: describe(problems) };
	if (!(await locationExists(tx, record.locationId))) {
		return { ok: false, reason: `locationId: there is no place ${record.locationId}` };
	}
	return { ok: true, data: record as unknown as Record<string, unknown> };
}

/**
 * Devices check that a code is free in their own catalogue, but two devices offline can each
 * give one code to a different new indicator: the second to arrive is refused, with the reason.
 */
async function checkIndicator(tx: Store, data: unknown): Promise<Checked> {
	const checked = toChecked(parseIndicator(data));
	if (!checked.ok) return checked;
	const { id, code } = checked.data as { id: string; code: string };
	const stored = await tx.all<{ id: string; data: string | null }>(
		`SELECT id, data FROM records WHERE entity = 'indicator' AND deleted = $1`,
		[false]
	);
	const storedIds = new Set(stored.map((row) => row.id));
	const taken = [
		...stored.map((row) => ({
			id: row.id,
			...(JSON.parse(row.data ?? '{}') as { code?: string })
		})),
		...SEED_INDICATORS.filter((seed) => !storedIds.has(seed.id))
	].find((other) => other.id !== id && other.code === code);
	if (taken) {
		return { ok: false, reason: `code: ${code} is already the code of another indicator` };
	}
	return checked;
}

async function checkLocation(tx: Store, data: unknown): Promise<Checked> {
	const checked = toChecked(parseLocation(data));
	if (!checked.ok) return checked;
	const { id, parentId } = checked.data as { id: string; parentId: string | null };
	if (typeof parentId === 'string' && !(await locationExists(tx, parentId))) {
		return { ok: false, reason: `parentId: there is no place ${parentId}` };
	}
	// Two devices can each move a place under the other: each move alone is fine, both make a loop.
	const seen = new Set<string>([id]);
	for (let at = parentId; at !== null; at = await parentOf(tx, at)) {
		if (seen.has(at)) {
			return {
				ok: false,
				reason: `parentId: ${parentId} is inside this place; a place cannot contain itself`
			};
		}
		seen.add(at);
	}
	return checked;
}

async function parentOf(tx: Store, id: string): Promise<string | null> {
	const stored = await getRecord(tx, 'location', id);
	const place = stored
		? (stored.data as { parentId?: string | null } | null)
		: SEED_LOCATIONS.find((l) => l.id === id);
	return place?.parentId ?? null;
}

async function findIndicator(tx: Store, id: string): Promise<Indicator | undefined> {
	const stored = await getRecord(tx, 'indicator', id);
	if (stored) return stored.deleted ? undefined : (stored.data as Indicator);
	return SEED_INDICATORS.find((i) => i.id === id);
}

async function locationExists(tx: Store, id: string): Promise<boolean> {
	const stored = await getRecord(tx, 'location', id);
	if (stored) return !stored.deleted;
	return SEED_LOCATIONS.some((l) => l.id === id);
}
