import { describe, expect, it } from 'vitest';
import { isNextWriteCrash } from './postgres-guard';

function typeError(message: string, stack: string): TypeError {
	const error = new TypeError(message);
	error.stack = `TypeError: ${message}\n${stack}`;
	return error;
}

const NEXT_WRITE =
	'    at Immediate.nextWrite (file:///app/node_modules/postgres/src/connection.js:258:22)\n' +
	'    at process.processImmediate (node:internal/timers:508:21)';

describe('the postgres.js nextWrite guard', () => {
	it("recognises postgres.js's write to a closed socket", () => {
		expect(
			isNextWriteCrash(typeError("Cannot read properties of null (reading 'write')", NEXT_WRITE))
		).toBe(true);
	});

	it('lets every other error crash the server as before', () => {
		// The same message from the app's own code, another error from postgres.js, a non-TypeError.
		const own = '    at nextWrite (file:///app/build/server/chunks/sync.js:10:5)';
		expect(
			isNextWriteCrash(typeError("Cannot read properties of null (reading 'write')", own))
		).toBe(false);
		expect(
			isNextWriteCrash(typeError("Cannot read properties of null (reading 'end')", NEXT_WRITE))
		).toBe(false);
		const plain = new Error("Cannot read properties of null (reading 'write')");
		plain.stack = `Error: x\n${NEXT_WRITE}`;
		expect(isNextWriteCrash(plain)).toBe(false);
		expect(isNextWriteCrash(undefined)).toBe(false);
	});
});
