import * as v from 'valibot';
import {
	MAPPING_PATH,
	MappingAnswerSchema,
	type MappingAnswer,
	type SaveMappingRequest
} from '$lib/domain/exchange/api';
import type { YolDatabase } from '$lib/db/database';
import { sendJson } from '$lib/http/send-json';
import { DHIS2_MAPPING_ID } from '$lib/domain/exchange/mapping';

/**
 * The exchange screen's calls to /api/exchange/mapping. Reading keeps a copy on the device, so
 * exports work offline with the mapping last seen; saving needs the server (it checks that no
 * other coordinator saved in between), and every refusal comes back as a value to put into words.
 */

export type MappingFailure =
	| { kind: 'offline' }
	| { kind: 'signed_out' }
	| { kind: 'stale'; error: string; current: MappingAnswer }
	| { kind: 'refused'; status: number; error: string; field: string | null; problems: Problem[] };

export interface Problem {
	field: string;
	message: string;
}

export type MappingResult =
	{ ok: true; value: MappingAnswer } | { ok: false; failure: MappingFailure };

const RefusalSchema = v.object({
	error: v.string(),
	field: v.optional(v.string()),
	problems: v.optional(v.array(v.object({ field: v.string(), message: v.string() }))),
	current: v.optional(MappingAnswerSchema)
});

async function call(init: RequestInit): Promise<MappingResult> {
	const response = await sendJson(fetch, MAPPING_PATH, init);
	if (!response) return { ok: false, failure: { kind: 'offline' } };
	const { body } = response;
	if (response.status === 401) return { ok: false, failure: { kind: 'signed_out' } };
	if (response.ok) {
		const parsed = v.safeParse(MappingAnswerSchema, body);
		if (parsed.success) return { ok: true, value: parsed.output };
	}
	const refusal = v.safeParse(RefusalSchema, body);
	if (response.status === 409 && refusal.success && refusal.output.current) {
		return {
			ok: false,
			failure: { kind: 'stale', error: refusal.output.error, current: refusal.output.current }
		};
	}
	return {
		ok: false,
		failure: {
			kind: 'refused',
			status: response.ok ? 502 : response.status,
			error: refusal.success ? refusal.output.error : `HTTP ${response.status}`,
			field: refusal.success ? (refusal.output.field ?? null) : null,
			problems: refusal.success ? (refusal.output.problems ?? []) : []
		}
	};
}

async function keep(db: YolDatabase, answer: MappingAnswer): Promise<void> {
	await db.exchangeMappings.put({
		id: DHIS2_MAPPING_ID,
		answer,
		fetchedAt: new Date().toISOString()
	});
}

/** The mapping from the server, kept on the device; offline, the failure (see `localMapping`). */
export async function fetchMapping(db: YolDatabase): Promise<MappingResult> {
	const result = await call({ method: 'GET' });
	if (result.ok) await keep(db, result.value);
	return result;
}

export async function saveMapping(
	db: YolDatabase,
	request: SaveMappingRequest
): Promise<MappingResult> {
	const result = await call({ method: 'PUT', body: JSON.stringify(request) });
	if (result.ok) await keep(db, result.value);
	else if (result.failure.kind === 'stale') await keep(db, result.failure.current);
	return result;
}

/** The mapping as this device last received it, if ever. */
export async function localMapping(db: YolDatabase): Promise<MappingAnswer | undefined> {
	return (await db.exchangeMappings.get(DHIS2_MAPPING_ID))?.answer;
}
