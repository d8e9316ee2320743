import { Writable } from 'node:stream';
import pino, { type DestinationStream, type Logger } from 'pino';
import { loadOpsConfig } from './env';
import { currentRequest } from './request-context';

/**
 * The server's one structured log: JSON lines on stdout (pino), each written while a request is
 * served carrying that request's id (`reqId`), whichever module writes it.
 *
 * No personal data, ever: callers log ids of routes and outcomes, counts and durations, never a
 * body, a query string, a header, a username or a path (paths hold user and value ids). Errors go
 * through `errorFields`, which keeps a driver's message and code but not its `detail` (PostgreSQL
 * puts the offending row's values there). The paths below are redacted as a second fence.
 */

const REDACT = [
	'password',
	'token',
	'cookie',
	'comment',
	'note',
	'authorization',
	'*.password',
	'*.token',
	'*.cookie',
	'*.comment',
	'*.note',
	'*.authorization',
	'headers',
	'*.headers',
	'body',
	'*.body'
];

function create(destination: DestinationStream | undefined, level: string): Logger {
	const options = {
		level,
		base: { service: 'yol' },
		timestamp: pino.stdTimeFunctions.isoTime,
		redact: { paths: REDACT, censor: '[redacted]' },
		mixin: () => {
			const request = currentRequest();
			return request ? { reqId: request.id } : {};
		}
	};
	return destination ? pino(options, destination) : pino(options);
}

let logger = create(undefined, loadOpsConfig().logLevel);

/** The logger; read it at each call (tests swap it through `captureLogs`). */
export function log(): Logger {
	return logger;
}

/** What an error may put in the log: its kind, message, code and stack, not its data. */
export function errorFields(error: unknown): Record<string, unknown> {
	if (!(error instanceof Error)) return { type: typeof error };
	const code = (error as { code?: unknown }).code;
	return {
		type: error.name,
		message: error.message,
		...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
		...(error.stack ? { stack: error.stack } : {})
	};
}

/**
 * For tests: every line logged until `stop()` is kept in memory (at `level`) instead of going to
 * stdout; `text()` returns what was logged so far.
 */
export function captureLogs(level = 'debug'): { text(): string; stop(): void } {
	const previous = logger;
	let text = '';
	const sink = new Writable({
		write(chunk: Buffer, _encoding, done) {
			text += chunk.toString('utf8');
			done();
		}
	});
	logger = create(sink, level);
	return {
		text: () => text,
		stop: () => {
			logger = previous;
		}
	};
}
