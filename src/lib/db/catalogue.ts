import { checkFormula, formulaReferences, type Formula } from '$lib/domain/formula';
import { findCycles } from '$lib/domain/computed';
import {
	parseIndicator,
	type FieldProblem,
	type Indicator,
	type Parsed
} from '$lib/domain/indicators';
import { parseLocation } from '$lib/domain/location-schema';
import { descendants, LOCATION_LEVELS, type Location } from '$lib/domain/locations';
import type { LocalIndicator, LocalLocation, YolDatabase } from './database';
import { saveLocally, type SaveProblem, type SaveResult } from './local-save';

/**
 * Editing the catalogue (indicators and places) on this device. Everything is checked here,
 * offline, against the device's copy of the catalogue, before anything is written; the server
 * checks again when the change arrives through sync.
 *
 * Roles come with the auth work: for now anyone using the device may edit the catalogue.
 */

/** A problem with one field; its `key` is under catalogue:problems. */
export type CatalogueProblem = SaveProblem;
export type { SaveResult };

/** An indicator as the form sends it: without an id when it is new. */
export type IndicatorInput = Omit<Indicator, 'id'> & { id?: string };
export type LocationInput = Omit<Location, 'id'> & { id?: string };

type CatalogueEntry = Pick<Indicator, 'id' | 'code' | 'formula'>;

/** Schema messages the screen can say in three languages (the others stay in English). */
const SCHEMA_KEYS: Record<string, string> = {
	'name is empty in all three languages': 'name_required',
	'code must be the area letter and a number, like H1': 'code_format',
	'target date must come after the baseline date': 'target_after_baseline',
	'computed indicators are not disaggregated': 'computed_not_split',
	'parent is required': 'parent_required',
	'a country has no parent': 'country_no_parent'
};

function withKey(problem: FieldProblem): CatalogueProblem {
	const key = SCHEMA_KEYS[problem.message];
	if (key) return { ...problem, key };
	const area = /^code must start with ([A-Z?]) for/.exec(problem.message);
	if (area) return { ...problem, key: 'code_area', params: { letter: area[1]! } };
	return problem;
}

/** A formula whose parts have the right types, so checkFormula can read it. */
function wellFormed(formula: unknown): Formula | null {
	const f = formula as Partial<Formula> | null | undefined;
	return f &&
		typeof f.numerator === 'string' &&
		typeof f.denominator === 'string' &&
		typeof f.factor === 'number'
		? (f as Formula)
		: null;
}

function formulaProblems(
	code: string,
	formula: Formula,
	others: readonly CatalogueEntry[]
): CatalogueProblem[] {
	// The indicator's own code counts as known: a formula reading itself is reported as a cycle.
	const known = [...others.map((i) => i.code), code];
	const problems = checkFormula(formula, known).map((p): CatalogueProblem => {
		const field = `formula.${p.part}`;
		if (p.kind === 'unknown_code') {
			return {
				field,
				message: `unknown indicator ${p.code}`,
				key: 'unknown_code',
				params: { code: p.code }
			};
		}
		if (p.kind === 'bad_factor') {
			return { field, message: 'factor must be a number other than 0', key: 'bad_factor' };
		}
		const position = p.error.position + 1;
		const char = formula[p.part].charAt(p.error.position);
		return {
			field,
			message: `${p.part}: ${p.error.message} at position ${position}`,
			key: `syntax.${p.error.code}`,
			params: { position, char }
		};
	});
	if (problems.length > 0) return problems;

	// Only cycles through this indicator are this edit's fault; one already in the catalogue
	// (arrived through sync) is shown on the indicators that form it.
	const cycles = findCycles([...others, { code, formula }]).filter((c) => c.includes(code));
	return cycles.map((found) => {
		// Told from the edited indicator's point of view: it starts and ends the path.
		const loop = found.slice(0, -1);
		const at = loop.indexOf(code);
		const cycle = [...loop.slice(at), ...loop.slice(0, at), code];
		const next = cycle[1] ?? code;
		const part = formulaReferences({ ...formula, denominator: '1' }).includes(next)
			? 'numerator'
			: 'denominator';
		const path = cycle.join(' → ');
		return {
			field: `formula.${part}`,
			message: `the formula makes a cycle: ${path}`,
			key: 'cycle',
			params: { path }
		};
	});
}

/**
 * Everything wrong with an indicator as it would stand in this catalogue: the schema, a code
 * already taken, a renamed code other formulas still read, and its formula's unknown codes,
 * syntax errors and cycles. Pure, so the form runs it live as the user types.
 */
export function indicatorProblems(
	candidate: Indicator,
	catalogue: readonly CatalogueEntry[]
): CatalogueProblem[] {
	const parsed = parseIndicator(candidate);
	const formula = wellFormed(candidate.formula);
	// The schema's formula messages are replaced by checkFormula's, which say more and translate.
	const problems = parsed.ok
		? []
		: parsed.problems.filter((p) => !(formula && p.field.startsWith('formula'))).map(withKey);
	if (typeof candidate.code !== 'string') return problems;

	const code = candidate.code;
	const others = catalogue.filter((i) => i.id !== candidate.id);
	const previous = catalogue.find((i) => i.id === candidate.id);
	if (others.some((i) => i.code === code)) {
		problems.push({
			field: 'code',
			message: `code ${code} is already used by another indicator`,
			key: 'code_taken',
			params: { code }
		});
		// With two indicators of one code the dependency graph is ambiguous: stop here.
		return problems;
	}
	if (previous && previous.code !== code) {
		const readers = others.filter(
			(i) => i.formula && formulaReferences(i.formula).includes(previous.code)
		);
		if (readers.length > 0) {
			const codes = readers.map((i) => i.code).join(', ');
			problems.push({
				field: 'code',
				message: `code ${previous.code} is read by the formulas of ${codes}`,
				key: 'code_in_use',
				params: { code: previous.code, codes }
			});
		}
	}
	if (formula) problems.push(...formulaProblems(code, formula, others));
	return problems;
}

/** The hierarchy rules: the parent exists, sits one level up, and is not the place itself or below it. */
export function locationProblems(
	candidate: Location,
	locations: readonly Location[]
): CatalogueProblem[] {
	const parsed = parseLocation(candidate);
	if (!parsed.ok) return parsed.problems.map(withKey);
	const place = parsed.value;
	const problems: CatalogueProblem[] = [];
	const depth = LOCATION_LEVELS.indexOf(place.level);
	if (place.parentId !== null) {
		const parent = locations.find((l) => l.id === place.parentId);
		const below = new Set(descendants(locations, place.id).map((l) => l.id));
		if (place.parentId === place.id || below.has(place.parentId)) {
			problems.push({
				field: 'parentId',
				message: 'the parent is this place or one below it',
				key: 'parent_loop'
			});
		} else if (!parent) {
			problems.push({
				field: 'parentId',
				message: 'the parent does not exist',
				key: 'parent_missing'
			});
		} else if (LOCATION_LEVELS.indexOf(parent.level) !== depth - 1) {
			problems.push({
				field: 'parentId',
				message: `the parent must be a ${LOCATION_LEVELS[depth - 1]}`,
				key: 'parent_level'
			});
		}
	}
	// Changing a level must not leave the places below it on the wrong level.
	const misplaced = locations.filter(
		(l) => l.parentId === place.id && LOCATION_LEVELS.indexOf(l.level) !== depth + 1
	);
	if (misplaced.length > 0) {
		problems.push({
			field: 'level',
			message: 'places below this one would be on the wrong level',
			key: 'children_level'
		});
	}
	return problems;
}

function problemsOf(parsed: Parsed<unknown>): CatalogueProblem[] {
	return parsed.ok ? [] : parsed.problems.map(withKey);
}

/** Checks and saves one indicator on this device (a new one when the input has no id). */
export function saveIndicator(
	db: YolDatabase,
	input: IndicatorInput,
	by: string,
	now: Date = new Date()
): Promise<SaveResult<LocalIndicator>> {
	const candidate = { ...input, id: input.id ?? crypto.randomUUID() } as Indicator;
	return saveLocally<Indicator, LocalIndicator>(
		db,
		'indicator',
		db.indicators,
		async () => {
			const all = await db.indicators.toArray();
			const problems = indicatorProblems(candidate, all);
			const parsed = parseIndicator(candidate);
			if (problems.length > 0 || !parsed.ok) {
				return { problems: problems.length > 0 ? problems : problemsOf(parsed) };
			}
			return {
				problems: [],
				value: parsed.value,
				existing: all.find((i) => i.id === candidate.id)
			};
		},
		by,
		now
	);
}

/** Checks and saves one place on this device (a new one when the input has no id). */
export function saveLocation(
	db: YolDatabase,
	input: LocationInput,
	by: string,
	now: Date = new Date()
): Promise<SaveResult<LocalLocation>> {
	const candidate = { ...input, id: input.id ?? crypto.randomUUID() } as Location;
	return saveLocally<Location, LocalLocation>(
		db,
		'location',
		db.locations,
		async () => {
			const all = await db.locations.toArray();
			const problems = locationProblems(candidate, all);
			const parsed = parseLocation(candidate);
			if (problems.length > 0 || !parsed.ok) {
				return { problems: problems.length > 0 ? problems : problemsOf(parsed) };
			}
			return {
				problems: [],
				value: parsed.value,
				existing: all.find((l) => l.id === candidate.id)
			};
		},
		by,
		now
	);
}
