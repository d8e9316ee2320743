import { randomUUID } from 'node:crypto';
import type {
	Actor,
	CreateUserRequest,
	Role,
	UpdateUserRequest,
	UserSummary
} from '../../domain/auth';
import type { Language } from '../../domain/languages';
import type { Store } from '../db/store';
import { writeAudit } from './audit';
import { hashPassword } from './passwords';

/** SQL for the `users` table (migration 003). */

export interface UserRow {
	id: string;
	username: string;
	name: string;
	organisation: string;
	role: Role;
	language: Language;
	location_ids: string | null;
	password_hash: string;
	disabled: number;
	created_at: string;
	updated_at: string;
}

export function toActor(row: UserRow): Actor {
	return {
		userId: row.id,
		username: row.username,
		name: row.name,
		organisation: row.organisation,
		role: row.role,
		language: row.language,
		locationIds: row.location_ids === null ? null : (JSON.parse(row.location_ids) as string[])
	};
}

/** What the audit trail keeps of an account: everything but the password hash. */
function auditable(row: UserRow) {
	return { ...toActor(row), disabled: row.disabled === 1 };
}

export function findUserByName(store: Store, username: string): Promise<UserRow | undefined> {
	return store.get<UserRow>('SELECT * FROM users WHERE username = $1', [
		username.trim().toLowerCase()
	]);
}

export function findUser(store: Store, id: string): Promise<UserRow | undefined> {
	return store.get<UserRow>('SELECT * FROM users WHERE id = $1', [id]);
}

export class UsernameTakenError extends Error {
	override name = 'UsernameTakenError';
}

/** Who did it and from where, for the audit trail. */
export interface ActingAs {
	userId: string | null;
	deviceId: string | null;
	at: string;
}

/** Creates an account (its password already checked for length by the schema). */
export async function createUser(
	store: Store,
	input: CreateUserRequest & { id?: string },
	by: ActingAs
): Promise<UserRow> {
	const passwordHash = await hashPassword(input.password);
	return store.transaction(async (tx) => {
		if (await findUserByName(tx, input.username)) {
			throw new UsernameTakenError(`username: ${input.username} is already taken`);
		}
		const row: UserRow = {
			id: input.id ?? randomUUID(),
			username: input.username.trim().toLowerCase(),
			name: input.name,
			organisation: input.organisation,
			role: input.role,
			language: input.language,
			location_ids: input.locationIds === null ? null : JSON.stringify(input.locationIds),
			password_hash: passwordHash,
			disabled: 0,
			created_at: by.at,
			updated_at: by.at
		};
		await tx.run(
			`INSERT INTO users (id, username, name, organisation, role, language, location_ids,
				password_hash, disabled, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
			[
				row.id,
				row.username,
				row.name,
				row.organisation,
				row.role,
				row.language,
				row.location_ids,
				row.password_hash,
				false,
				row.created_at,
				row.updated_at
			]
		);
		await writeAudit(tx, {
			...by,
			entity: 'user',
			entityId: row.id,
			action: 'create',
			new: auditable(row)
		});
		return row;
	});
}

/** Applies an administrator's change; returns the updated row, or undefined for no such user. */
export async function updateUser(
	store: Store,
	id: string,
	change: UpdateUserRequest,
	by: ActingAs
): Promise<UserRow | undefined> {
	return store.transaction(async (tx) => {
		const before = await findUser(tx, id);
		if (!before) return undefined;
		const after: UserRow = {
			...before,
			name: change.name ?? before.name,
			organisation: change.organisation ?? before.organisation,
			role: change.role ?? before.role,
			language: change.language ?? before.language,
			location_ids:
				change.locationIds === undefined
					? before.location_ids
					: change.locationIds === null
						? null
						: JSON.stringify(change.locationIds),
			disabled: change.disabled === undefined ? before.disabled : change.disabled ? 1 : 0,
			updated_at: by.at
		};
		await tx.run(
			`UPDATE users SET name = $2, organisation = $3, role = $4, language = $5,
				location_ids = $6, disabled = $7, updated_at = $8 WHERE id = $1`,
			[
				id,
				after.name,
				after.organisation,
				after.role,
				after.language,
				after.location_ids,
				after.disabled === 1,
				after.updated_at
			]
		);
		await writeAudit(tx, {
			...by,
			entity: 'user',
			entityId: id,
			action: 'update',
			old: auditable(before),
			new: auditable(after)
		});
		return after;
	});
}

/** Sets a new password and ends every session of the user (they sign in again with it). */
export async function setPassword(
	store: Store,
	id: string,
	password: string,
	by: ActingAs
): Promise<boolean> {
	const passwordHash = await hashPassword(password);
	return store.transaction(async (tx) => {
		const { changes } = await tx.run(
			'UPDATE users SET password_hash = $2, updated_at = $3 WHERE id = $1',
			[id, passwordHash, by.at]
		);
		if (changes === 0) return false;
		await tx.run('UPDATE sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL', [
			id,
			by.at
		]);
		await writeAudit(tx, { ...by, entity: 'user', entityId: id, action: 'password' });
		return true;
	});
}

/** A lost tablet: ends every session of the user and refuses their devices from now on. */
export async function revokeUser(store: Store, id: string, by: ActingAs): Promise<boolean> {
	return store.transaction(async (tx) => {
		if (!(await findUser(tx, id))) return false;
		const sessions = await tx.run(
			'UPDATE sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL',
			[id, by.at]
		);
		const devices = await tx.run(
			'UPDATE devices SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL',
			[id, by.at]
		);
		await writeAudit(tx, {
			...by,
			entity: 'user',
			entityId: id,
			action: 'revoke',
			new: { sessions: sessions.changes, devices: devices.changes }
		});
		return true;
	});
}

interface SummaryRow extends UserRow {
	active_sessions: number;
	last_seen_at: string | null;
}

export async function listUsers(store: Store, now: string): Promise<UserSummary[]> {
	const rows = await store.all<SummaryRow>(
		`SELECT u.*,
			(SELECT count(*) FROM sessions s WHERE s.user_id = u.id AND s.revoked_at IS NULL
				AND s.expires_at > $1 AND s.idle_expires_at > $1) AS active_sessions,
			(SELECT max(s.last_seen_at) FROM sessions s WHERE s.user_id = u.id) AS last_seen_at
		FROM users u ORDER BY u.username`,
		[now]
	);
	return rows.map((row) => ({
		...toActor(row),
		disabled: row.disabled === 1,
		createdAt: row.created_at,
		updatedAt: row.updated_at,
		activeSessions: row.active_sessions,
		lastSeenAt: row.last_seen_at
	}));
}
