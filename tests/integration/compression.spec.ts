import { constants, brotliCompressSync, gzipSync } from 'node:zlib';
import { expect, it, vi } from 'vitest';
import { generateDemoValues } from '../../src/lib/domain/seed/demo-values';
import { CLIENT_SCHEMA_VERSION, PROTOCOL_VERSION } from '../../src/lib/domain/sync/protocol';
import { migrate } from '../../src/lib/server/db/migrate';
import { seedDemo } from '../../src/lib/server/demo';
import { compressBytes, type Coding } from '../../src/lib/server/http/compress';
import { pageBody, readPage } from '../../src/lib/server/sync/pull';
import { describeStores } from './stores';

/**
 * What compression buys on the wire: a pull page of 1,000 demo values, plain, gzip and brotli as
 * compress.ts runs them (and brotli at its top quality, for comparison), with the time each
 * takes (median of 7; brotli 11 once). The figures go to the log; the assertions keep the choice honest.
 */

vi.setConfig({ testTimeout: 60_000 });

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function timed(run: () => Promise<Uint8Array> | Uint8Array, runs = 7) {
	const times: number[] = [];
	let bytes: Uint8Array = new Uint8Array();
	for (let i = 0; i < runs; i++) {
		const started = performance.now();
		bytes = await run();
		times.push(performance.now() - started);
	}
	return { bytes: bytes.byteLength, ms: median(times) };
}

it('gzips a push of 1,000 changes as the device does (CompressionStream) about sevenfold', async () => {
	const values = generateDemoValues({ from: '2026-01-01', to: '2026-12-31' }).slice(0, 1000);
	const push = JSON.stringify({
		protocol: PROTOCOL_VERSION,
		schema: CLIENT_SCHEMA_VERSION,
		deviceId: 'tablet-1',
		mutations: values.map((value, i) => ({
			seq: i + 1,
			mutationId: crypto.randomUUID(),
			entity: 'value',
			entityId: value.id,
			op: 'put',
			baseRev: 0,
			changed: ['value'],
			data: { ...value, rev: 0 }
		}))
	});
	const started = performance.now();
	const stream = new Blob([push]).stream().pipeThrough(new CompressionStream('gzip'));
	const packed = new Uint8Array(await new Response(stream).arrayBuffer());
	const ms = performance.now() - started;
	console.info(
		`[compression] push of 1,000 changes: plain ${push.length} B, gzip ${packed.byteLength} B in ${ms.toFixed(1)} ms`
	);
	expect(packed.byteLength).toBeLessThan(push.length / 5);
});

describeStores('compression of a pull page', (db, dialect) => {
	it('shrinks a page of 1,000 values several times over, in milliseconds', async () => {
		const store = db().store;
		await migrate(store);
		await seedDemo(store);
		const first = await store.get<{ rev: number }>(
			`SELECT min(rev) AS rev FROM records WHERE entity = 'value'`
		);
		const page = await readPage(store, (first?.rev ?? 1) - 1, 1000);
		const body = pageBody(page);
		const { changes } = JSON.parse(new TextDecoder().decode(body)) as {
			changes: { entity: string }[];
		};
		expect(changes.filter((c) => c.entity === 'value')).toHaveLength(1000);
		const figures: Record<string, { bytes: number; ms: number }> = {
			plain: { bytes: body.byteLength, ms: 0 }
		};
		for (const coding of ['gzip', 'br'] as Coding[]) {
			figures[coding] = await timed(() => compressBytes(coding, body));
		}
		figures['br q6'] = await timed(() =>
			brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 6 } })
		);
		figures['br q11'] = await timed(
			() => brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
			1
		);
		figures['gzip 9'] = await timed(() => gzipSync(body, { level: 9 }));
		console.info(
			`[compression] pull page of 1,000 values on ${dialect}: ` +
				Object.entries(figures)
					.map(([name, f]) => `${name} ${f.bytes} B${f.ms ? ` in ${f.ms.toFixed(1)} ms` : ''}`)
					.join(', ')
		);
		expect(figures.gzip!.bytes).toBeLessThan(body.byteLength / 5);
		expect(figures.br!.bytes).toBeLessThan(figures.gzip!.bytes);
		// The quality chosen costs a small part of the top one's time (gzip's order of magnitude).
		expect(figures.br!.ms).toBeLessThan(figures['br q11']!.ms / 10);
	});
});
