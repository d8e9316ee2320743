import { strToU8, strFromU8, type Unzipped } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { unzip, zip } from './fflate-in-thread';

/** Large enough (2 MB, well compressible) that fflate's own zip/unzip would start workers. */
const SHEET = Array.from({ length: 40_000 }, (_, i) => `<row r="${i}"><c>${i}</c></row>`).join('');

describe('fflate in the calling thread', () => {
	const original = globalThis.Worker;
	let started = 0;
	beforeEach(() => {
		started = 0;
		(globalThis as { Worker?: unknown }).Worker = class {
			constructor() {
				started += 1;
				throw new Error('refused by worker-src');
			}
		};
	});
	afterEach(() => {
		(globalThis as { Worker?: unknown }).Worker = original;
	});

	it('zips and unzips a 2 MB sheet with no worker, answering later', async () => {
		let answered = false;
		const archive = await new Promise<Uint8Array>((resolve, reject) => {
			zip({ 'xl/worksheets/sheet1.xml': strToU8(SHEET) }, (error, data) =>
				error ? reject(error) : resolve(data)
			);
			answered = true;
		});
		expect(answered).toBe(true);
		const files = await new Promise<Unzipped>((resolve, reject) =>
			unzip(archive, { filter: (f) => f.name.endsWith('.xml') }, (error, data) =>
				error ? reject(error) : resolve(data)
			)
		);
		expect(strFromU8(files['xl/worksheets/sheet1.xml']!)).toBe(SHEET);
		expect(started).toBe(0);
	});

	it('reports a broken archive through the callback, not a throw', async () => {
		const error = await new Promise((resolve) =>
			unzip(strToU8('not a zip file at all, just text'), (e) => resolve(e))
		);
		expect(error).toBeInstanceOf(Error);
	});

	it('can be cancelled before it runs', async () => {
		let called = false;
		const stop = unzip(new Uint8Array(0), () => (called = true));
		stop();
		await new Promise((r) => setTimeout(r, 10));
		expect(called).toBe(false);
	});
});
