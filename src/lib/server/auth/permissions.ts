import type { Actor } from '../../domain/auth';
import type { Mutation } from '../../domain/sync/protocol';
import type { StoredRecord } from '../sync/records';
import { describePlaces, type Places } from './scope';

/**
 * Who may write and read which synced entity: one table, so an entity added later (measures,
 * meetings, conflicts) is one entry here. An entity without an entry is neither written nor sent
 * to anyone: forgetting the entry fails closed.
 *
 * `write` answers a refusal reason (starting with the field at fault, as the device shows it) or
 * undefined when the actor may apply the mutation. `read` says which of the entity's records the
 * actor may pull: all, none, or those whose `location_id` lies in their places; `redact` strips
 * what the actor may see of a record but not in full (a member gets values without comments).
 */
export interface EntityRule {
	write(actor: Actor, context: WriteContext): string | undefined;
	read(actor: Actor): 'all' | 'none' | 'places';
	redact?(actor: Actor, data: Record<string, unknown>): Record<string, unknown>;
}

export interface WriteContext {
	mutation: Mutation;
	/** The record as the server holds it now, if any. */
	current: StoredRecord | undefined;
	/** The actor's places; null for every place. */
	places: Places | null;
}

const READ_ONLY: Record<Actor['role'], string | undefined> = {
	admin: 'your account manages users and devices and does not change data',
	member: 'your account (working group member) reads data and does not change it',
	coordinator: undefined,
	caseworker: undefined
};

/** The catalogue: the coordinator maintains it, everyone reads it. */
const catalogue = (what: string): EntityRule => ({
	write: (actor) =>
		actor.role === 'coordinator'
			? undefined
			: `entity: only the coordinator may change ${what}${READ_ONLY[actor.role] ? `: ${READ_ONLY[actor.role]}` : ''}`,
	read: () => 'all'
});

function locationOfData(data: unknown): string | undefined {
	if (typeof data !== 'object' || data === null) return undefined;
	const id = (data as { locationId?: unknown }).locationId;
	return typeof id === 'string' ? id : undefined;
}

export const ENTITY_RULES: Record<string, EntityRule> = {
	value: {
		write(actor, { mutation, current, places }) {
			const readOnly = READ_ONLY[actor.role];
			if (readOnly) return `entity: ${readOnly}`;
			if (actor.role === 'coordinator' || places === null) return undefined;
			const allowed = `you may only enter values for ${describePlaces(places)}`;
			// Both the place the value is at now and the one it is written to must be in scope
			// (push.ts refuses a move anyway, but a scope answer names what the caseworker may do).
			const now = locationOfData(current?.data);
			if (now !== undefined && !places.ids.has(now)) return `locationId: ${allowed}`;
			if (mutation.op === 'put') {
				const to = locationOfData(mutation.data);
				if (to !== undefined && !places.ids.has(to)) return `locationId: ${allowed}`;
			} else if (!current) {
				return 'entityId: there is no such value to delete';
			}
			return undefined;
		},
		read: (actor) => (actor.role === 'caseworker' && actor.locationIds !== null ? 'places' : 'all'),
		// Members see aggregate statistics; the free-text comment may name a person.
		redact: (actor, data) => (actor.role === 'member' ? { ...data, comment: '' } : data)
	},
	indicator: catalogue('indicators'),
	location: catalogue('places'),
	// The roadmap: the coordinator keeps measures, meetings and the organisations list; notes on
	// work done come from the field too. Everyone reads them (members read the yearly report).
	organisation: catalogue('organisations'),
	measure: catalogue('measures'),
	meeting: catalogue('meetings'),
	// The working group's settings (the small-count threshold): the coordinator sets them for all.
	setting: catalogue("the working group's settings"),
	// Validation rules: the coordinator defines them, every device checks entries with them.
	rule: catalogue('validation rules'),
	measureNote: {
		write: (actor) =>
			actor.role === 'coordinator' || actor.role === 'caseworker'
				? undefined
				: `entity: ${READ_ONLY[actor.role] ?? 'your role may not write notes'}`,
		read: () => 'all'
	},
	// The server writes conflicts; a device settles one with a value put carrying `resolves`.
	// Sent to those who may see the value (pull.ts then narrows to its authors, canSeeConflict).
	conflict: {
		write: () => 'entity: a conflict is resolved by a value change carrying resolves, not pushed',
		read: (actor) =>
			actor.role === 'coordinator'
				? 'all'
				: actor.role === 'caseworker'
					? actor.locationIds === null
						? 'all'
						: 'places'
					: 'none'
	}
};

/** The reason a mutation is refused, or undefined when the actor may apply it. */
export function refusal(actor: Actor, context: WriteContext): string | undefined {
	const rule = ENTITY_RULES[context.mutation.entity];
	if (!rule) return `entity: ${context.mutation.entity} cannot be changed through sync`;
	return rule.write(actor, context);
}
