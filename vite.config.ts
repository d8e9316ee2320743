import { sveltekit } from '@sveltejs/kit/vite';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * Everything the root layout imports statically goes in one chunk. Every route loads all of it
 * anyway, so one file costs no route anything and spares the app shell dozens of small ones, each
 * with its own gzip overhead and import/export names (see bench/shell-size.bench.js).
 */
const rootLayout = [resolve('src/routes/+layout.ts'), resolve('src/routes/+layout.svelte')];
const layoutModules = new Set<string>();
const shellChunk: Plugin = {
	name: 'yol:shell-chunk',
	apply: 'build',
	buildEnd() {
		layoutModules.clear();
		if (this.environment.name !== 'client') return;
		const queue = rootLayout.filter((id) => this.getModuleInfo(id));
		while (queue.length > 0) {
			const id = queue.pop()!;
			if (layoutModules.has(id)) continue;
			layoutModules.add(id);
			queue.push(...(this.getModuleInfo(id)?.importedIds ?? []));
		}
	}
};

/**
 * Every import of fflate, other than the replacement's own, gets src/lib/vendor/fflate-in-thread.ts:
 * the spreadsheet libraries' zip and unzip then never build `blob:` workers, which the CSP
 * (worker-src 'self') refuses and fflate would wait on forever. Workers are bundled apart, so
 * they take the plugin too. The dev server's pre-bundled dependencies skip it (no CSP there).
 */
const fflateReplacement = resolve('src/lib/vendor/fflate-in-thread.ts');
const fflateInThread = (): Plugin => ({
	name: 'yol:fflate-in-thread',
	enforce: 'pre',
	resolveId(source, importer) {
		if (source !== 'fflate' || !importer || importer === fflateReplacement) return null;
		return fflateReplacement;
	}
});

/**
 * Dexie's modern build (ES2016+, as ES modules) rather than the ES5 bundle its package points
 * bundlers at: the same library, about 1.3 KB gzip less of the app shell (bench/shell-size).
 */
const dexieModern = resolve('node_modules/dexie/dist/modern/dexie.mjs');

const faultTests = process.env.YOL_FAULT_TESTS === '1';

export default defineConfig({
	plugins: [fflateInThread(), sveltekit(), shellChunk],
	worker: { plugins: () => [fflateInThread()] },
	resolve: { alias: [{ find: /^dexie$/, replacement: dexieModern }] },
	build: {
		rolldownOptions: {
			output: {
				codeSplitting: {
					groups: [
						{ name: 'shell', test: (id: string) => layoutModules.has(id), priority: 3 },
						// The small pieces most screens share (loading states, local text, live reads), kept
						// apart by which screens use them, so that a screen that only reads never loads
						// the forms' pieces (fields, form session, local save).
						{
							name: 'screens',
							test: /[\\/]src[\\/]lib[\\/]/,
							minShareCount: 10,
							priority: 1,
							entriesAware: true,
							// Pieces under 1.5 KB join their nearest neighbour: each file costs a request and
							// its own gzip and import overhead.
							entriesAwareMergeThreshold: 1500
						}
					]
				}
			}
		}
	},
	// workbox-window ships CommonJS for Node; bundling it avoids the dev-server import error.
	ssr: { noExternal: ['workbox-window'] },
	server: { fs: { allow: ['locales'] } },
	// YOL_FAULT_TESTS=1 runs only tests/fault (against the built server: build first).
	test: faultTests
		? {
				include: ['tests/fault/**/*.spec.ts'],
				environment: 'node',
				reporters: ['default', 'json'],
				outputFile: { json: 'test-results/vitest-fault.json' },
				fileParallelism: false
			}
		: {
				include: ['src/**/*.spec.ts', 'tests/unit/**/*.spec.ts', 'tests/integration/**/*.spec.ts'],
				environment: 'node',
				// Store tests seed the whole demo set (argon2 hashes, 8,800 values): seconds when busy.
				testTimeout: 20_000,
				reporters: ['default', 'json'],
				outputFile: { json: 'test-results/vitest.json' }
			}
});
