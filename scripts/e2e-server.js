// The server Playwright tests run against: the production build, on a throwaway SQLite
// database with demo data, so a run never sees or changes a developer's own data.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

if (!existsSync('build/index.js')) {
	console.error('No build found: run "npm run build" before the end-to-end tests.');
	process.exit(1);
}

delete process.env.DATABASE_URL;
process.env.YOL_DATA_DIR = mkdtempSync(join(tmpdir(), 'yol-e2e-'));
process.env.YOL_DEMO = '1';
process.env.HOST ??= '127.0.0.1';

// The build behind the production entry, which adds the security headers to static files.
await import('./server.js');
