import { describe, expect, it, vi } from 'vitest';
import { StoreClosedError } from '../db/store';
import { answer } from './problem';
import { isStoreUnavailable } from './unavailable';

const coded = (code: string, message = code) => Object.assign(new Error(message), { code });

describe('isStoreUnavailable', () => {
	it('is true for a store that cannot serve now', () => {
		for (const error of [
			new StoreClosedError(),
			coded('SQLITE_BUSY'),
			coded('SQLITE_IOERR_WRITE'),
			coded('SQLITE_FULL'),
			coded('ECONNREFUSED'),
			coded('CONNECTION_ENDED'),
			coded('57P01', 'terminating connection due to administrator command'),
			coded('08006'),
			coded('53300', 'too many connections'),
			coded('40001', 'could not serialize access'),
			new Error('query failed', { cause: coded('ECONNRESET') }),
			new AggregateError([coded('ECONNREFUSED')])
		]) {
			expect(isStoreUnavailable(error), String(error)).toBe(true);
		}
	});

	it('is false for faults that the same request would meet again', () => {
		for (const error of [
			new RangeError('Maximum call stack size exceeded'),
			new TypeError("Cannot read properties of undefined (reading 'id')"),
			coded('SQLITE_CONSTRAINT_UNIQUE'),
			coded('SQLITE_ERROR', 'no such column: x'),
			coded('22P02', 'invalid input syntax for type json'),
			coded('23505', 'duplicate key'),
			'a string',
			undefined
		]) {
			expect(isStoreUnavailable(error), String(error)).toBe(false);
		}
	});
});

describe('answer', () => {
	it('answers 503 only when the store is unavailable, else 500, never the detail', async () => {
		vi.spyOn(console, 'error').mockImplementation(() => undefined);
		const busy = await answer('do it', () => Promise.reject(coded('SQLITE_BUSY', '/srv/db')));
		expect(busy.status).toBe(503);
		expect(await busy.json()).toEqual({
			error: 'The server could not do it now; nothing was changed. Try again later.'
		});
		const bug = await answer('do it', () =>
			Promise.reject(new RangeError('Maximum call stack size exceeded at /srv/app'))
		);
		expect(bug.status).toBe(500);
		const { error } = (await bug.json()) as { error: string };
		expect(error).toMatch(/fault of its own; nothing was changed/);
		expect(error).not.toMatch(/srv|stack/);
		vi.restoreAllMocks();
	});
});
