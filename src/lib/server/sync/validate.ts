import {
	parseIndicator,
	parseIndicatorValue,
	valueIdProblem,
	valueProblemsFor,
	type FieldProblem,
	type Indicator,
	type IndicatorValue
} from '../../domain/indicators';
import { parseLocation } from '../../domain/location-schema';
import {
	parseMeasure,
	parseMeasureNote,
	type Measure,
	type MeasureNote
} from '../../domain/measures';
import { parseMeeting, type Meeting } from '../../domain/meetings';
import { organisationProblems, type Organisation } from '../../domain/organisations';
import { parseRule } from '../../domain/rules/schema';
import { parseSetting } from '../../domain/settings';
import { SEED_INDICATORS } from '../../domain/seed/catalogue';
import { SEED_LOCATIONS } from '../../domain/seed/locations';
import { SEED_ORGANISATIONS } from '../../domain/seed/organisations';
import type { Entity } from '../../domain/sync/protocol';
import type { Store } from '../db/store';
import { getRecord } from './records';

export type Checked = { ok: true; data: Record<string, unknown> } | { ok: false; reason: string };

/**
 * The indicators and places one push has already looked up, so that 500 values of a few
 * indicators read each indicator once instead of once per value. Made per push; the push clears it
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
	const checks: Record<Entity, () => Promise<Checked> | Checked> = {
		value: () => checkValue(tx, data, lookups),
		indicator: () => checkIndicator(tx, data),
		location: () => checkLocation(tx, data, lookups),
		organisation: () => checkOrganisation(tx, data),
		measure: () => checkMeasure(tx, data),
		measureNote: () => checkMeasureNote(tx, data),
		meeting: () => checkMeeting(tx, data),
		setting: () => toChecked(parseSetting(data)),
		rule: () => checkRuleRecord(tx, data, lookups),
		conflict: () => ({ ok: false, reason: 'entity: conflicts are written by the server only' })
	};
	const checked = await checks[entity]();
	if (!checked.ok) return checked;
	if (checked.data.id !== entityId) {
		return { ok: false, reason: `id: the record's id is not the mutation's entityId ${entityId}` };
	}
	return checked;
}

/** What a value is the value of: its id is derived from these (value-id.ts). */
const VALUE_IDENTITY = ['indicatorId', 'locationId', 'period', 'cell'] as const;

/**
 * Why a put may not give a stored value this record, or undefined. A value's id names its
 * cell, so a value that moved would leave the id of its old cell on its new one, where another
 * device's entry would become a rival copy instead of a conflict; devices also file the values
 * they were sent by indicator and period.
 */
export function valueMoveProblem(
	stored: unknown,
	incoming: Record<string, unknown>
): string | undefined {
	if (typeof stored !== 'object' || stored === null) return undefined;
	const was = stored as Record<string, unknown>;
	const field = VALUE_IDENTITY.find((name) => name in was && was[name] !== incoming[name]);
	if (!field) return undefined;
	const what = field === 'locationId' ? 'place' : field === 'indicatorId' ? 'indicator' : field;
	return `${field}: a value cannot move to another ${what}; enter it there as a new value instead`;
}

/**
 * Why a checked value record may not be stored under its id, or undefined: the id must be the
 * one its cell derives (valueIdProblem). Asked after valueMoveProblem, whose reason says more
 * about a value moved to another cell.
 */
export function valueIdReason(record: Record<string, unknown>): string | undefined {
	const problem = valueIdProblem(record as unknown as IndicatorValue);
	return problem ? describe([problem]) : undefined;
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

/** A rule checks an indicator that exists and is entered (a computed one has no values to check). */
async function checkRuleRecord(
	tx: Store,
	data: unknown,
	lookups: CatalogueLookups
): Promise<Checked> {
	const parsed = parseRule(data);
	if (!parsed.ok) return toChecked(parsed);
	const indicator = await findIndicator(tx, parsed.value.indicatorId, lookups);
	if (!indicator) {
		return { ok: false, reason: `indicatorId: there is no indicator ${parsed.value.indicatorId}` };
	}
	if (indicator.formula) {
		return {
			ok: false,
			reason: `indicatorId: ${indicator.code} is computed; a rule checks an entered indicator`
		};
	}
	if (parsed.value.kind === 'cells_sum' && indicator.disaggregations.length === 0) {
		return {
			ok: false,
			reason: `kind: ${indicator.code} is not split into cells; use at_most or at_least`
		};
	}
	return { ok: true, data: parsed.value as unknown as Record<string, unknown> };
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

/**
 * As with indicator codes: two coordinators offline can each add the same body, or rename one to
 * another's name. The second to arrive is refused at the field, in the words the device uses.
 */
async function checkOrganisation(tx: Store, data: unknown): Promise<Checked> {
	const stored = await tx.all<{ id: string; data: string | null }>(
		`SELECT id, data FROM records WHERE entity = 'organisation' AND deleted = $1`,
		[false]
	);
	const storedIds = new Set(stored.map((row) => row.id));
	const list = [
		...stored.map((row) => JSON.parse(row.data ?? '{}') as Organisation),
		...SEED_ORGANISATIONS.filter((seed) => !storedIds.has(seed.id))
	];
	return toChecked(organisationProblems(data as Organisation, list));
}

async function checkLocation(
	tx: Store,
	data: unknown,
	lookups: CatalogueLookups
): Promise<Checked> {
	const checked = toChecked(parseLocation(data));
	if (!checked.ok) return checked;
	const { id, parentId } = checked.data as { id: string; parentId: string | null };
	if (typeof parentId === 'string' && !(await locationExists(tx, parentId, lookups))) {
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

/** Present on the server and not deleted; organisations also from the reference list. */
async function exists(tx: Store, entity: Entity, id: string): Promise<boolean> {
	const stored = await getRecord(tx, entity, id);
	if (stored) return !stored.deleted;
	if (entity === 'organisation') return SEED_ORGANISATIONS.some((o) => o.id === id);
	if (entity === 'indicator') return SEED_INDICATORS.some((i) => i.id === id);
	return false;
}

/** The first reference in `refs` that points at nothing, as a reason naming its field. */
async function missingRef(
	tx: Store,
	refs: readonly { field: string; entity: Entity; id: string | null }[]
): Promise<string | undefined> {
	for (const ref of refs) {
		if (ref.id !== null && !(await exists(tx, ref.entity, ref.id))) {
			return `${ref.field}: there is no ${ref.entity} ${ref.id}`;
		}
	}
	return undefined;
}

async function withRefs(
	tx: Store,
	checked: Checked,
	refs: (data: never) => { field: string; entity: Entity; id: string | null }[]
): Promise<Checked> {
	if (!checked.ok) return checked;
	const reason = await missingRef(tx, refs(checked.data as never));
	return reason ? { ok: false, reason } : checked;
}

function checkMeasure(tx: Store, data: unknown): Promise<Checked> {
	return withRefs(tx, toChecked(parseMeasure(data)), (m: Measure) => [
		...m.responsibleBodyIds.map((id, i) => ({
			field: `responsibleBodyIds.${i}`,
			entity: 'organisation' as const,
			id
		})),
		...m.indicatorIds.map((id, i) => ({
			field: `indicatorIds.${i}`,
			entity: 'indicator' as const,
			id
		}))
	]);
}

function checkMeasureNote(tx: Store, data: unknown): Promise<Checked> {
	return withRefs(tx, toChecked(parseMeasureNote(data)), (n: MeasureNote) => [
		{ field: 'measureId', entity: 'measure', id: n.measureId },
		{ field: 'organisationId', entity: 'organisation', id: n.organisationId }
	]);
}

function checkMeeting(tx: Store, data: unknown): Promise<Checked> {
	return withRefs(tx, toChecked(parseMeeting(data)), (m: Meeting) => [
		...m.organisationIds.map((id, i) => ({
			field: `organisationIds.${i}`,
			entity: 'organisation' as const,
			id
		})),
		...m.decisions.flatMap((d, i) => [
			{ field: `decisions.${i}.ownerId`, entity: 'organisation' as const, id: d.ownerId },
			{ field: `decisions.${i}.measureId`, entity: 'measure' as const, id: d.measureId }
		])
	]);
}
