import * as v from 'valibot';
import { ActorSchema } from '$lib/domain/auth';
import { LOST_MODES, type LostMode } from '$lib/domain/devices';
import { sendJson } from '$lib/http/send-json';

/**
 * The administrator's calls to /api/admin/users. Online only (managing accounts is inherently
 * the server's business); every outcome is a value the screen puts into words at its field.
 */
type Fetch = typeof fetch;

export const AdminUserSchema = v.object({
	...ActorSchema.entries,
	disabled: v.boolean(),
	lastSeenAt: v.optional(v.nullable(v.string()), null),
	activeSessions: v.optional(v.number(), 0)
});
export type AdminUser = v.InferOutput<typeof AdminUserSchema>;

export type AdminFailure =
	| { kind: 'offline' }
	| { kind: 'signed_out' }
	| { kind: 'refused'; status: number; error: string; field: string | null };

export type AdminResult<T> = { ok: true; value: T } | { ok: false; failure: AdminFailure };

const ErrorBodySchema = v.object({ error: v.string(), field: v.optional(v.string()) });

async function call<T>(
	fetchFn: Fetch,
	url: string,
	init: RequestInit,
	schema: v.GenericSchema<unknown, T> | null
): Promise<AdminResult<T>> {
	const response = await sendJson(fetchFn, url, init);
	if (!response) return { ok: false, failure: { kind: 'offline' } };
	const { body } = response;
	if (response.status === 401) return { ok: false, failure: { kind: 'signed_out' } };
	if (!response.ok) {
		const parsed = v.safeParse(ErrorBodySchema, body);
		return {
			ok: false,
			failure: {
				kind: 'refused',
				status: response.status,
				error: parsed.success ? parsed.output.error : `HTTP ${response.status}`,
				field: parsed.success ? (parsed.output.field ?? null) : null
			}
		};
	}
	if (schema === null) return { ok: true, value: undefined as T };
	const parsed = v.safeParse(schema, body);
	if (!parsed.success) {
		return {
			ok: false,
			failure: {
				kind: 'refused',
				status: 502,
				error: 'unexpected answer from the server',
				field: null
			}
		};
	}
	return { ok: true, value: parsed.output };
}

const ListSchema = v.object({ users: v.array(AdminUserSchema) });
const OneSchema = v.object({ user: AdminUserSchema });
const fetchDefault: Fetch = (...args) => fetch(...args);

export function listUsers(fetchFn: Fetch = fetchDefault): Promise<AdminResult<AdminUser[]>> {
	return call(
		fetchFn,
		'/api/admin/users',
		{ method: 'GET' },
		v.pipe(
			ListSchema,
			v.transform((b) => b.users)
		)
	);
}

export function createUser(
	body: unknown,
	fetchFn: Fetch = fetchDefault
): Promise<AdminResult<AdminUser>> {
	return call(
		fetchFn,
		'/api/admin/users',
		{ method: 'POST', body: JSON.stringify(body) },
		v.pipe(
			OneSchema,
			v.transform((b) => b.user)
		)
	);
}

export function updateUser(
	id: string,
	body: unknown,
	fetchFn: Fetch = fetchDefault
): Promise<AdminResult<AdminUser>> {
	return call(
		fetchFn,
		`/api/admin/users/${encodeURIComponent(id)}`,
		{ method: 'PATCH', body: JSON.stringify(body) },
		v.pipe(
			OneSchema,
			v.transform((b) => b.user)
		)
	);
}

export function resetPassword(
	id: string,
	password: string,
	fetchFn: Fetch = fetchDefault
): Promise<AdminResult<void>> {
	return call(
		fetchFn,
		`/api/admin/users/${encodeURIComponent(id)}/password`,
		{ method: 'POST', body: JSON.stringify({ password }) },
		null
	);
}

export function revokeUser(id: string, fetchFn: Fetch = fetchDefault): Promise<AdminResult<void>> {
	return call(
		fetchFn,
		`/api/admin/users/${encodeURIComponent(id)}/revoke`,
		{ method: 'POST' },
		null
	);
}

export const DeviceSummarySchema = v.object({
	deviceId: v.string(),
	name: v.nullable(v.string()),
	userAgent: v.nullable(v.string()),
	firstSeen: v.string(),
	lastSeen: v.string(),
	pendingReported: v.nullable(v.number()),
	lostAt: v.nullable(v.string()),
	lostMode: v.nullable(v.picklist(LOST_MODES)),
	revoked: v.boolean()
});
export type AdminDevice = v.InferOutput<typeof DeviceSummarySchema>;

/** A user's devices, the one that synced last first. */
export function listDevices(
	userId: string,
	fetchFn: Fetch = fetchDefault
): Promise<AdminResult<AdminDevice[]>> {
	return call(
		fetchFn,
		`/api/admin/users/${encodeURIComponent(userId)}/devices`,
		{ method: 'GET' },
		v.pipe(
			v.object({ devices: v.array(DeviceSummarySchema) }),
			v.transform((b) => b.devices)
		)
	);
}

/** Marks one device lost: refused at once, and told to wipe (the mode says when). */
export function markDeviceLost(
	userId: string,
	deviceId: string,
	mode: LostMode,
	fetchFn: Fetch = fetchDefault
): Promise<AdminResult<void>> {
	return call(
		fetchFn,
		`/api/admin/users/${encodeURIComponent(userId)}/devices/${encodeURIComponent(deviceId)}/lost`,
		{ method: 'POST', body: JSON.stringify({ mode }) },
		null
	);
}
