import * as v from 'valibot';
import { LANGUAGES } from './languages';

/**
 * Who may do what, shared by the server (which enforces it on every route and in sync) and the
 * device (which only hides what the server would refuse anyway).
 *
 * - admin: users and settings.
 * - coordinator: the working group's secretariat: catalogue, measures, meetings, conflicts,
 *   approving values; every location.
 * - caseworker: enters values and notes for the locations in their scope only, sees only those.
 * - member: a partner organisation: reads dashboards and reports, comments; aggregates only.
 */
export const ROLES = ['admin', 'coordinator', 'caseworker', 'member'] as const;
export type Role = (typeof ROLES)[number];

/**
 * The signed-in person as the server and the device see them. `locationIds` are the roots of
 * the user's scope (a region includes its districts); `null` means every location.
 */
export interface Actor {
	userId: string;
	username: string;
	name: string;
	organisation: string;
	role: Role;
	language: (typeof LANGUAGES)[number];
	locationIds: string[] | null;
}

export const ActorSchema = v.object({
	userId: v.string(),
	username: v.string(),
	name: v.string(),
	organisation: v.string(),
	role: v.picklist(ROLES),
	language: v.picklist(LANGUAGES),
	locationIds: v.nullable(v.array(v.string()))
});
