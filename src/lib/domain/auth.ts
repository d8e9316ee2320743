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

/** The shortest password accepted anywhere (sign-up by an administrator, reset, the CLI). */
export const PASSWORD_MIN_LENGTH = 10;
const PASSWORD_MAX_LENGTH = 200;

/** Lower-case letters, digits, dot, dash and underscore; sign-in ignores case. */
const USERNAME_PATTERN = /^[a-z0-9._-]{3,40}$/;

const Username = v.pipe(
	v.string('username must be text'),
	v.trim(),
	v.toLowerCase(),
	v.regex(USERNAME_PATTERN, 'username must be 3 to 40 letters, digits, dots, dashes or underscores')
);

export const Password = v.pipe(
	v.string('password must be text'),
	v.minLength(PASSWORD_MIN_LENGTH, `password must be at least ${PASSWORD_MIN_LENGTH} characters`),
	v.maxLength(PASSWORD_MAX_LENGTH, `password must be at most ${PASSWORD_MAX_LENGTH} characters`)
);

/** Control characters (NUL above all, which PostgreSQL cannot store) have no place in a name. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NO_CONTROL = /^[^\u0000-\u001f\u007f]*$/;

const PersonText = (field: string, max: number) =>
	v.pipe(
		v.string(`${field} must be text`),
		v.regex(NO_CONTROL, `${field} must not contain control characters`),
		v.trim(),
		v.nonEmpty(`${field} is missing`),
		v.maxLength(max, `${field} must be at most ${max} characters`)
	);

const LocationIds = v.nullable(
	v.pipe(
		v.array(
			v.pipe(
				v.string('locationIds must hold place ids'),
				v.regex(/^[a-z0-9-]{1,64}$/, 'locationIds must hold place ids')
			),
			'locationIds must be a list of place ids, or null for every place'
		),
		v.minLength(1, 'locationIds must name at least one place, or be null for every place'),
		v.maxLength(100, 'locationIds may name at most 100 places')
	),
	null
);

/** POST /api/auth/login. The password is not checked for length here: old ones stay valid. */
export const LoginSchema = v.object({
	username: v.pipe(
		v.string('username must be text'),
		v.maxLength(100, 'username is too long'),
		v.regex(NO_CONTROL, 'username must not contain control characters')
	),
	password: v.pipe(
		v.string('password must be text'),
		v.maxLength(PASSWORD_MAX_LENGTH, 'password is too long')
	),
	deviceId: v.optional(
		v.pipe(
			v.string('deviceId must be text'),
			v.regex(/^[A-Za-z0-9_-]{1,100}$/, 'deviceId is not a device id')
		)
	)
});
export type LoginRequest = v.InferOutput<typeof LoginSchema>;

/** POST /api/admin/users */
export const CreateUserSchema = v.object({
	username: Username,
	name: PersonText('name', 120),
	organisation: PersonText('organisation', 120),
	role: v.picklist(ROLES, `role must be one of ${ROLES.join(', ')}`),
	language: v.picklist(LANGUAGES, `language must be one of ${LANGUAGES.join(', ')}`),
	locationIds: LocationIds,
	password: Password
});
export type CreateUserRequest = v.InferOutput<typeof CreateUserSchema>;

/** PATCH /api/admin/users/[id]: every field optional, at least one given. */
export const UpdateUserSchema = v.pipe(
	v.strictObject(
		{
			name: v.optional(PersonText('name', 120)),
			organisation: v.optional(PersonText('organisation', 120)),
			role: v.optional(v.picklist(ROLES, `role must be one of ${ROLES.join(', ')}`)),
			language: v.optional(
				v.picklist(LANGUAGES, `language must be one of ${LANGUAGES.join(', ')}`)
			),
			locationIds: v.optional(LocationIds),
			disabled: v.optional(v.boolean('disabled must be true or false'))
		},
		'only name, organisation, role, language, locationIds and disabled can be changed'
	),
	v.check((body) => Object.keys(body).length > 0, 'nothing to change')
);
export type UpdateUserRequest = v.InferOutput<typeof UpdateUserSchema>;

/** POST /api/admin/users/[id]/password */
export const PasswordResetSchema = v.object({ password: Password });

/** A user as the administrator's list shows them (never the password hash). */
export interface UserSummary extends Actor {
	disabled: boolean;
	createdAt: string;
	updatedAt: string;
	/** Sessions that have not ended. */
	activeSessions: number;
	lastSeenAt: string | null;
}

/** One line of a record's history (GET /api/audit). */
export interface AuditLine {
	at: string;
	userId: string | null;
	/** The user's name at the time of reading; null when the user no longer exists. */
	userName: string | null;
	deviceId: string | null;
	action: 'create' | 'update' | 'delete' | 'password' | 'revoke' | 'lost';
	old: unknown;
	new: unknown;
}

/** The answer to every request made without a valid session (status 401). */
export const SESSION_ENDED =
	'Your session has ended: sign in again. Your unsynced changes stay on this device.';
