import { json } from '@sveltejs/kit';
import * as v from 'valibot';
import { errorFields, log } from '../ops/log';
import { isStoreUnavailable } from './unavailable';

/**
 * JSON answers of the API: `{ error, field? }` for every refusal, never cached. Handlers throw
 * `ApiProblem` for a refusal and `answer` turns it (or an unexpected error) into a response.
 */

const NO_STORE = { 'Cache-Control': 'no-store' };

/**
 * With every 503: the store comes back by itself (a database restarting, a failover), so a
 * client, or a proxy, waits a few seconds rather than hammering a server that cannot answer.
 */
export const RETRY_LATER: Readonly<Record<string, string>> = { 'Retry-After': '5' };

export interface ErrorBody {
	error: string;
	field?: string;
}

export class ApiProblem extends Error {
	readonly status: number;
	readonly body: ErrorBody & Record<string, unknown>;
	readonly headers: Record<string, string>;

	constructor(
		status: number,
		body: ErrorBody & Record<string, unknown>,
		headers: Record<string, string> = {}
	) {
		super(body.error);
		this.status = status;
		this.body = body;
		this.headers = headers;
	}
}

export function reply(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
	return json(body, { status, headers: { ...NO_STORE, ...headers } });
}

export function problem(
	status: number,
	error: string,
	field?: string,
	headers: Record<string, string> = {}
): Response {
	return reply(field ? { error, field } : { error }, status, headers);
}

/** Runs a handler; an ApiProblem becomes its answer, anything else `unexpected`'s. */
export async function answer(what: string, handler: () => Promise<Response>): Promise<Response> {
	try {
		return await handler();
	} catch (error) {
		if (error instanceof ApiProblem) return reply(error.body, error.status, error.headers);
		return unexpected(error, what);
	}
}

/**
 * The answer to an error no handler expected, logged with its detail (which may name hosts or
 * files, so it goes to the log, not to the device). Only a store that cannot serve now is a 503,
 * "try again later": a device retries that without end. Anything else is a fault of the server
 * that the same request would meet again: a 500, which the device shows rather than repeats.
 */
export function unexpected(error: unknown, what: string, logAs = what): Response {
	log().error({ err: errorFields(error), what: logAs }, `${logAs} failed`);
	if (isStoreUnavailable(error)) {
		return problem(
			503,
			`The server could not ${what} now; nothing was changed. Try again later.`,
			undefined,
			RETRY_LATER
		);
	}
	return problem(
		500,
		`The server failed to ${what} because of a fault of its own; nothing was changed. ` +
			'Trying again will not help: tell the administrator of the working group.'
	);
}

/** A 400 naming the first field at fault. */
export function invalid(
	issues: readonly [v.BaseIssue<unknown>, ...v.BaseIssue<unknown>[]]
): ApiProblem {
	const [issue] = issues;
	const field = v.getDotPath(issue) ?? '';
	// valibot words a missing key as "Invalid key: Expected …": say it plainly.
	const message =
		field && issue.message.startsWith('Invalid key') ? `${field} is missing` : issue.message;
	return new ApiProblem(400, {
		error: field && !message.startsWith(field) ? `${field}: ${message}` : message,
		...(field ? { field } : {})
	});
}

/** Parses `body` with `schema`, or throws a 400 naming the field. */
export function parseBody<S extends v.GenericSchema>(schema: S, body: unknown): v.InferOutput<S> {
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		throw new ApiProblem(400, { error: 'The request body must be a JSON object.' });
	}
	const parsed = v.safeParse(schema, body);
	if (!parsed.success) throw invalid(parsed.issues);
	return parsed.output;
}
