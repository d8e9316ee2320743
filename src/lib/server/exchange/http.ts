import * as v from 'valibot';
import type { Actor } from '../../domain/auth';
import { BaseVersionSchema } from '../../domain/exchange/api';
import { parseMapping } from '../../domain/exchange/mapping';
import { checkRole } from '../auth/http';
import type { Store } from '../db/store';
import { readJson } from '../http/body';
import { ApiProblem, answer, reply } from '../http/problem';
import { readMapping, saveMapping } from './mapping-store';

/** The DHIS2 mapping's API as Request → Response functions, so tests drive them on either store. */

export interface ExchangeContext {
	store: Store;
	actor: Actor;
	bodyLimit: number;
	deviceId?: string | null;
	now?: Date;
}

/** GET /api/exchange/mapping: everyone signed in may read it (UIDs are no one's data). */
export function handleGetMapping(context: ExchangeContext): Promise<Response> {
	return answer('read the DHIS2 mapping', async () => reply(await readMapping(context.store)));
}

/** PUT /api/exchange/mapping `{ mapping, baseVersion }`: the coordinator's, checked as devices do. */
export function handlePutMapping(request: Request, context: ExchangeContext): Promise<Response> {
	return answer('save the DHIS2 mapping', async () => {
		checkRole(context.actor, ['coordinator']);
		const body = await readJson(request, context.bodyLimit);
		if (typeof body !== 'object' || body === null || Array.isArray(body)) {
			throw new ApiProblem(400, { error: 'The request body must be a JSON object.' });
		}
		const { mapping, baseVersion } = body as Record<string, unknown>;
		const base = v.safeParse(BaseVersionSchema, baseVersion);
		if (!base.success) {
			const message = baseVersion === undefined ? 'baseVersion is missing' : base.issues[0].message;
			throw new ApiProblem(400, { error: message, field: 'baseVersion' });
		}
		const parsed = parseMapping(mapping);
		if (!parsed.ok) {
			const first = parsed.problems[0]!;
			const field = first.field ? `mapping.${first.field}` : 'mapping';
			throw new ApiProblem(400, {
				error: `${field}: ${first.message}`,
				field,
				problems: parsed.problems.map((p) => ({
					...p,
					field: p.field ? `mapping.${p.field}` : 'mapping'
				}))
			});
		}
		const saved = await saveMapping(context.store, parsed.value, base.output, {
			userId: context.actor.userId,
			deviceId: context.deviceId ?? null,
			at: (context.now ?? new Date()).toISOString()
		});
		if (!saved.ok) {
			const who = saved.current.updatedBy ?? 'another coordinator';
			throw new ApiProblem(409, {
				error: `${who} saved the mapping since you opened it; nothing was changed. Look at their version and make your changes again.`,
				field: 'baseVersion',
				current: saved.current
			});
		}
		return reply(saved.answer);
	});
}
