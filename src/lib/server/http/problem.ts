import { json } from '@sveltejs/kit';
import * as v from 'valibot';

/**
 * JSON answers of the API: `{ error, field? }` for every refusal, never cached. Handlers throw
 * `ApiProblem` for a refusal and `answer` turns it (or an unexpected error) into a response.
 */

const NO_STORE = { 'Cache-Control': 'no-store' };

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

/** Runs a handler; an ApiProblem becomes its answer, anything else a 503 with a logged detail. */
export async function answer(what: string, handler: () => Promise<Response>): Promise<Response> {
	try {
		return await handler();
	} catch (error) {
		if (error instanceof ApiProblem) return reply(error.body, error.status, error.headers);
		// The detail may name hosts or files: it goes to the log, not to the device.
		console.error(`Yol: ${what} failed:`, error);
		return problem(503, `The server could not ${what} now; nothing was changed. Try again later.`);
	}
}

/** A 400 naming the first field at fault. */
export function invalid(
	issues: readonly [v.BaseIssue<unknown>, ...v.BaseIssue<unknown>[]]
): ApiProblem {
	const [issue] = issues;
	const field = v.getDotPath(issue) ?? '';
	return new ApiProblem(400, {
		error: field && !issue.message.startsWith(field) ? `${field}: ${issue.message}` : issue.message,
		...(field ? { field } : {})
	});
}

/** Parses `body` with `schema`, or throws a 400 naming the field. */
export function parseBody<S extends v.GenericSchema>(schema: S, body: unknown): v.InferOutput<S> {
	const parsed = v.safeParse(schema, body);
	if (!parsed.success) throw invalid(parsed.issues);
	return parsed.output;
}

/**
 * Reads the body as JSON, refusing more than `limit` bytes: by Content-Length up front, and by
 * counting while reading (a chunked body, or a Content-Length that lies).
 */
export async function readJson(
	request: Request,
	limit: number,
	tooLargeMessage = `The request is larger than ${limit} bytes.`
): Promise<unknown> {
	const tooLarge = new ApiProblem(413, { error: tooLargeMessage });
	const declared = Number(request.headers.get('content-length') ?? NaN);
	if (Number.isFinite(declared) && declared > limit) throw tooLarge;
	const chunks: Uint8Array[] = [];
	let size = 0;
	if (request.body) {
		const reader = request.body.getReader();
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			size += value.byteLength;
			if (size > limit) {
				await reader.cancel();
				throw tooLarge;
			}
			chunks.push(value);
		}
	}
	const text = new TextDecoder().decode(Buffer.concat(chunks));
	try {
		return JSON.parse(text) as unknown;
	} catch {
		throw new ApiProblem(400, { error: 'The request body is not valid JSON.' });
	}
}
