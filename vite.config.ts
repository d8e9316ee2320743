import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

const faultTests = process.env.YOL_FAULT_TESTS === '1';

export default defineConfig({
	plugins: [sveltekit()],
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
