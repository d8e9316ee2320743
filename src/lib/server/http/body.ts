import { gunzip } from 'node:zlib';
import { ApiProblem } from './problem';

/**
 * The one reader of JSON request bodies: every route that takes a body reads it here, so every
 * route refuses the same hostile bodies the same way, before anything else looks at them:
 * - a Content-Type other than JSON: 415 (a text/plain body is no push, whatever it holds);
 * - a Content-Encoding other than gzip: 415, naming what the server reads;
 * - more than `limit` bytes on the wire (declared or counted, chunked or not) or, once inflated:
 *   413, and the inflated body never grows past `limit` in memory (a gzip bomb stops there);
 * - a gzip body that does not inflate, text that is not UTF-8 or not JSON: 400;
 * - JSON nested deeper than MAX_JSON_DEPTH: 400, found by a flat scan (a recursive walk of
 *   100,000 levels would overflow the stack, as the checks after the parse would).
 */

/** No message of Yol nests more than a few levels; this leaves room and stops any stack trouble. */
export const MAX_JSON_DEPTH = 32;

/** The content codings a request body may come in (the device gzips its pushes). */
const ENCODINGS = new Set(['identity', 'gzip']);

export async function readJson(
	request: Request,
	limit: number,
	tooLargeMessage = `The request is larger than ${limit} bytes.`
): Promise<unknown> {
	const tooLarge = new ApiProblem(413, { error: tooLargeMessage });
	checkContentType(request.headers.get('content-type'));
	const encoding = contentEncoding(request.headers.get('content-encoding'));
	const declared = Number(request.headers.get('content-length') ?? NaN);
	if (Number.isFinite(declared) && declared > limit) throw tooLarge;
	const wire = await readAll(request.body, limit, tooLarge);
	const bytes = encoding === 'gzip' ? await inflate(wire, limit, tooLarge) : wire;
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		throw new ApiProblem(400, { error: 'The request body is not valid UTF-8 text.' });
	}
	checkDepth(text, MAX_JSON_DEPTH);
	try {
		return JSON.parse(text) as unknown;
	} catch {
		throw new ApiProblem(400, { error: 'The request body is not valid JSON.' });
	}
}

function checkContentType(header: string | null): void {
	const [type = '', ...params] = (header ?? '').split(';');
	const charset = params
		.map((param) => /^\s*charset\s*=\s*"?([^"]*)"?\s*$/i.exec(param)?.[1])
		.find((value) => value !== undefined);
	const json = type.trim().toLowerCase() === 'application/json';
	if (json && (charset === undefined || /^utf-?8$/i.test(charset))) return;
	const said = header ? `this request said ${header}` : 'this request named none';
	throw new ApiProblem(415, {
		error: `Send the request body as JSON in UTF-8, with Content-Type: application/json (${said}).`
	});
}

function contentEncoding(header: string | null): 'identity' | 'gzip' {
	const coding = (header ?? 'identity').trim().toLowerCase() || 'identity';
	if (ENCODINGS.has(coding)) return coding as 'identity' | 'gzip';
	throw new ApiProblem(
		415,
		{
			error:
				`The server cannot read a request body encoded as ${header}: ` +
				'send it plain, or gzipped with Content-Encoding: gzip.'
		},
		// RFC 9110, 15.5.16: a 415 for a content coding says which codings are accepted.
		{ 'Accept-Encoding': 'gzip' }
	);
}

/** The body's bytes, counted while they arrive (a chunked body, or a Content-Length that lies). */
async function readAll(
	body: ReadableStream<Uint8Array> | null,
	limit: number,
	tooLarge: ApiProblem
): Promise<Buffer> {
	const chunks: Uint8Array[] = [];
	let size = 0;
	if (!body) return Buffer.alloc(0);
	const reader = body.getReader();
	for (;;) {
		let chunk: ReadableStreamReadResult<Uint8Array>;
		try {
			chunk = await reader.read();
		} catch (error) {
			throw readFailure(error, tooLarge);
		}
		if (chunk.done) break;
		size += chunk.value.byteLength;
		if (size > limit) {
			// Not cancelled: adapter-node would destroy the connection, and the 413 with it. The rest
			// is left to Node, which drops it after the answer (BODY_SIZE_LIMIT bounds it meanwhile).
			reader.releaseLock();
			throw tooLarge;
		}
		chunks.push(chunk.value);
	}
	return Buffer.concat(chunks);
}

/**
 * adapter-node stops a body over BODY_SIZE_LIMIT itself, by failing the stream with a 413 of its
 * own: that is the same refusal. Anything else (the connection dropped) is a body never read.
 */
function readFailure(error: unknown, tooLarge: ApiProblem): ApiProblem {
	const status = (error as { status?: unknown } | null)?.status;
	if (status === 413) return tooLarge;
	return new ApiProblem(400, {
		error: 'The request body could not be read to its end (the connection broke off?).'
	});
}

/** Inflates at most `limit` bytes: zlib stops there, so a gzip bomb never fills memory. */
function inflate(wire: Buffer, limit: number, tooLarge: ApiProblem): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		gunzip(wire, { maxOutputLength: Math.max(1, limit) }, (error, inflated) => {
			if (!error) return resolve(inflated);
			if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') reject(tooLarge);
			else
				reject(
					new ApiProblem(400, {
						error: 'The request body says Content-Encoding: gzip but is not valid gzip.'
					})
				);
		});
	});
}

/**
 * Refuses JSON whose objects and lists nest deeper than `max`, in one pass over the text and
 * without recursion. Brackets inside strings do not count; the text need not be valid JSON yet
 * (JSON.parse judges that next).
 */
export function checkDepth(text: string, max: number): void {
	let depth = 0;
	let inString = false;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (inString) {
			if (c === 0x5c)
				i++; // a backslash: the next character is escaped
			else if (c === 0x22) inString = false;
		} else if (c === 0x22) {
			inString = true;
		} else if (c === 0x7b || c === 0x5b) {
			if (++depth > max) {
				throw new ApiProblem(400, {
					error:
						`The request body nests objects or lists more than ${max} levels deep; ` +
						'no message of Yol does. Send the records as the app makes them.'
				});
			}
		} else if (c === 0x7d || c === 0x5d) {
			depth--;
		}
	}
}
