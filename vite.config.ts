import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	// workbox-window ships CommonJS for Node; bundling it avoids the dev-server import error.
	ssr: { noExternal: ['workbox-window'] },
	server: { fs: { allow: ['locales'] } },
	test: {
		include: ['src/**/*.spec.ts', 'tests/unit/**/*.spec.ts', 'tests/integration/**/*.spec.ts'],
		environment: 'node',
		// Store tests seed the whole demo set (argon2 hashes, 8,800 values): seconds on a busy machine.
		testTimeout: 20_000,
		reporters: ['default', 'json'],
		outputFile: { json: 'test-results/vitest.json' }
	}
});
