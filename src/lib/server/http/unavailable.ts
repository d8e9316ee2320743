import { StoreClosedError } from '../db/store';

/**
 * Whether an error means the store cannot serve now but may soon (503, "try again later"), as
 * opposed to a fault in the server or in what was sent (500: trying again would fail again).
 * A device retries a 503 without end, so only errors that pass by themselves belong here:
 * - the store closing (shutdown);
 * - SQLite busy, locked, out of disk or memory, or its file unreadable (better-sqlite3 codes);
 * - PostgreSQL unreachable or its connection lost (network codes and postgres.js's own), the
 *   server shutting down or out of resources (SQLSTATE classes 08, 53, 57P), a lock or statement
 *   timeout, or a transaction a concurrent one made fail (40001, 40P01).
 * Errors are looked at through their `cause` and, for AggregateError, each of their errors.
 */

const SQLITE_CODES =
	/^SQLITE_(BUSY|LOCKED|IOERR|FULL|CANTOPEN|NOMEM|PROTOCOL|READONLY|INTERRUPT)(_|$)/;

const NETWORK_CODES = new Set([
	'ECONNREFUSED',
	'ECONNRESET',
	'ETIMEDOUT',
	'EPIPE',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'ENOTFOUND',
	'EAI_AGAIN',
	// postgres.js
	'CONNECTION_CLOSED',
	'CONNECTION_ENDED',
	'CONNECTION_DESTROYED',
	'CONNECT_TIMEOUT'
]);

const PG_RETRYABLE = /^(08...|53...|57P0[1-4]|57014|55P03|40001|40P01)$/;

export function isStoreUnavailable(error: unknown, depth = 0): boolean {
	if (depth > 5 || typeof error !== 'object' || error === null) return false;
	if (error instanceof StoreClosedError) return true;
	const code = (error as { code?: unknown }).code;
	if (typeof code === 'string') {
		if (SQLITE_CODES.test(code) || NETWORK_CODES.has(code) || PG_RETRYABLE.test(code)) {
			return true;
		}
	}
	if (error instanceof AggregateError && error.errors.some((e) => isStoreUnavailable(e, depth + 1)))
		return true;
	return isStoreUnavailable((error as { cause?: unknown }).cause, depth + 1);
}
