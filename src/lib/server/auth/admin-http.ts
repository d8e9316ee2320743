import {
	CreateUserSchema,
	PasswordResetSchema,
	UpdateUserSchema,
	type Actor
} from '../../domain/auth';
import { LOST_MODE_CHOICE, MarkLostSchema } from '../../domain/devices';
import type { Store } from '../db/store';
import { readJson } from '../http/body';
import { ApiProblem, answer, parseBody, reply } from '../http/problem';
import { getRecord } from '../sync/records';
import { auditOf } from './audit';
import { listDevices, markLost } from './devices';
import { checkRole, SMALL_BODY_LIMIT } from './http';
import { ENTITY_RULES } from './permissions';
import { placesOf } from './scope';
import { listSessions } from './sessions';
import {
	createUser,
	findUser,
	listUsers,
	revokeUser,
	setPassword,
	toActor,
	updateUser,
	UsernameTakenError,
	type ActingAs
} from './users';

/** The administrator's user management and the audit trail, as Request → Response functions. */

export interface AdminContext {
	store: Store;
	actor: Actor;
	/** The device of the admin's session, for the audit trail. */
	deviceId?: string | null;
	now?: Date;
}

function acting(context: AdminContext): ActingAs {
	return {
		userId: context.actor.userId,
		deviceId: context.deviceId ?? null,
		at: (context.now ?? new Date()).toISOString()
	};
}

const NO_SUCH_USER = new ApiProblem(404, { error: 'There is no such user.' });

/** Ids are UUIDs or the demo users' ids; anything else cannot be a user. */
function userId(raw: string): string {
	if (!/^[A-Za-z0-9-]{1,64}$/.test(raw)) throw NO_SUCH_USER;
	return raw;
}

/** GET /api/admin/users */
export function handleListUsers(context: AdminContext): Promise<Response> {
	return answer('list the users', async () => {
		checkRole(context.actor, ['admin']);
		return reply({ users: await listUsers(context.store, acting(context).at) });
	});
}

/** GET /api/admin/users/[id]: the user and their sessions that have not ended. */
export function handleGetUser(id: string, context: AdminContext): Promise<Response> {
	return answer('show the user', async () => {
		checkRole(context.actor, ['admin']);
		const row = await findUser(context.store, userId(id));
		if (!row) throw NO_SUCH_USER;
		const sessions = await listSessions(context.store, row.id, context.now ?? new Date());
		return reply({ user: { ...toActor(row), disabled: row.disabled === 1 }, sessions });
	});
}

/** POST /api/admin/users */
export function handleCreateUser(request: Request, context: AdminContext): Promise<Response> {
	return answer('create the user', async () => {
		checkRole(context.actor, ['admin']);
		const body = parseBody(CreateUserSchema, await readJson(request, SMALL_BODY_LIMIT));
		await checkPlaces(context.store, body.locationIds);
		try {
			const row = await createUser(context.store, body, acting(context));
			return reply({ user: { ...toActor(row), disabled: false } }, 201);
		} catch (error) {
			if (error instanceof UsernameTakenError) {
				throw new ApiProblem(409, { error: error.message, field: 'username' });
			}
			throw error;
		}
	});
}

/** PATCH /api/admin/users/[id] */
export function handleUpdateUser(
	id: string,
	request: Request,
	context: AdminContext
): Promise<Response> {
	return answer('change the user', async () => {
		checkRole(context.actor, ['admin']);
		const target = userId(id);
		const body = parseBody(UpdateUserSchema, await readJson(request, SMALL_BODY_LIMIT));
		if (target === context.actor.userId) {
			// An administrator locking themselves out would leave nobody to undo it.
			if (body.disabled === true) {
				throw new ApiProblem(400, {
					error: 'disabled: you cannot disable your own account',
					field: 'disabled'
				});
			}
			if (body.role !== undefined && body.role !== 'admin') {
				throw new ApiProblem(400, {
					error: 'role: you cannot take the administrator role from yourself',
					field: 'role'
				});
			}
		}
		if (body.locationIds !== undefined) await checkPlaces(context.store, body.locationIds);
		const row = await updateUser(context.store, target, body, acting(context));
		if (!row) throw NO_SUCH_USER;
		return reply({ user: { ...toActor(row), disabled: row.disabled === 1 } });
	});
}

/** POST /api/admin/users/[id]/password */
export function handleResetPassword(
	id: string,
	request: Request,
	context: AdminContext
): Promise<Response> {
	return answer('reset the password', async () => {
		checkRole(context.actor, ['admin']);
		const target = userId(id);
		const body = parseBody(PasswordResetSchema, await readJson(request, SMALL_BODY_LIMIT));
		if (!(await setPassword(context.store, target, body.password, acting(context)))) {
			throw NO_SUCH_USER;
		}
		return new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
	});
}

/** POST /api/admin/users/[id]/revoke: a lost tablet. */
export function handleRevokeUser(id: string, context: AdminContext): Promise<Response> {
	return answer('sign the user out', async () => {
		checkRole(context.actor, ['admin']);
		if (!(await revokeUser(context.store, userId(id), acting(context)))) throw NO_SUCH_USER;
		return new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
	});
}

/** GET /api/admin/users/[id]/devices: the user's devices, the one that synced last first. */
export function handleListDevices(id: string, context: AdminContext): Promise<Response> {
	return answer("list the user's devices", async () => {
		checkRole(context.actor, ['admin']);
		const row = await findUser(context.store, userId(id));
		if (!row) throw NO_SUCH_USER;
		return reply({ devices: await listDevices(context.store, row.id) });
	});
}

const NO_SUCH_DEVICE = new ApiProblem(404, {
	error: 'This user has no such device: it may never have synced.'
});

/**
 * POST /api/admin/users/[id]/devices/[device]/lost `{ mode }`: the device is refused at once and
 * told to wipe (auth/devices.ts); the mode says whether its unsynced changes may come in first.
 */
export function handleMarkLost(
	id: string,
	device: string,
	request: Request,
	context: AdminContext
): Promise<Response> {
	return answer('mark the device lost', async () => {
		checkRole(context.actor, ['admin']);
		const raw = await readJson(request, SMALL_BODY_LIMIT);
		const given = typeof raw === 'object' && raw !== null && 'mode' in raw;
		// A missing mode is the one mistake to expect: the two choices, said in words.
		if (!given) throw new ApiProblem(400, { error: LOST_MODE_CHOICE, field: 'mode' });
		const body = parseBody(MarkLostSchema, raw);
		if (!/^[A-Za-z0-9][A-Za-z0-9_-]{1,63}$/.test(device)) throw NO_SUCH_DEVICE;
		const result = await markLost(context.store, userId(id), device, body.mode, acting(context));
		if (result === 'missing') throw NO_SUCH_DEVICE;
		const devices = await listDevices(context.store, userId(id));
		return reply({
			device: devices.find((d) => d.deviceId === device),
			already: result === 'already'
		});
	});
}

/** Every place in a scope must exist, or the user would silently see nothing. */
async function checkPlaces(store: Store, ids: readonly string[] | null): Promise<void> {
	if (ids === null) return;
	const known = await placesOf(store, {
		userId: '',
		username: '',
		name: '',
		organisation: '',
		role: 'caseworker',
		language: 'en',
		locationIds: [...ids]
	});
	const missing = ids.filter((id) => !known?.ids.has(id));
	if (missing.length > 0) {
		throw new ApiProblem(400, {
			error: `locationIds: there is no place ${missing.join(', ')}`,
			field: 'locationIds'
		});
	}
}

const NO_SUCH_RECORD = new ApiProblem(404, { error: 'There is no such record you may see.' });

/**
 * GET /api/audit?entity=&id=: the history of one record the caller may see (with what they may
 * not see stripped, as in a pull). A record out of the caller's scope is answered as missing, so
 * its existence is not revealed.
 */
export function handleAudit(url: URL, context: AdminContext): Promise<Response> {
	return answer('show the history', async () => {
		const entity = url.searchParams.get('entity') ?? '';
		const id = url.searchParams.get('id') ?? '';
		if (!/^[a-z-]{1,40}$/.test(entity)) {
			throw new ApiProblem(400, { error: 'entity: name the kind of record', field: 'entity' });
		}
		if (id === '' || id.length > 200) {
			throw new ApiProblem(400, { error: 'id: name the record', field: 'id' });
		}
		const { actor, store } = context;
		if (entity === 'user') {
			if (actor.role !== 'admin' && id !== actor.userId) throw NO_SUCH_RECORD;
			return reply({ lines: await auditOf(store, entity, id) });
		}
		const rule = ENTITY_RULES[entity];
		if (!rule)
			throw new ApiProblem(400, { error: `entity: there is no kind ${entity}`, field: 'entity' });
		const read = rule.read(actor);
		if (read === 'none') throw NO_SUCH_RECORD;
		if (read === 'places') {
			const places = await placesOf(store, actor);
			const record = await getRecord(store, entity as never, id);
			const at = (record?.data as { locationId?: unknown } | null)?.locationId;
			if (places !== null && (typeof at !== 'string' || !places.ids.has(at))) throw NO_SUCH_RECORD;
		}
		const strip = (data: unknown) =>
			rule.redact && typeof data === 'object' && data !== null
				? rule.redact(actor, data as Record<string, unknown>)
				: data;
		const lines = (await auditOf(store, entity, id)).map((line) => ({
			...line,
			old: strip(line.old),
			new: strip(line.new)
		}));
		return reply({ lines });
	});
}
