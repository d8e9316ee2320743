import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { getMeta } from '../../src/lib/server/db/meta';
import { migrations } from '../../src/lib/server/db/migrations';
import { initServer, stopServer } from '../../src/lib/server/init';
import { GET } from '../../src/routes/api/health/+server';

type HealthEvent = Parameters<typeof GET>[0];

const latest = migrations.at(-1)?.id ?? 0;

// Starts the real server module on SQLite, whatever DATABASE_URL the shell has.
describe('initServer and GET /api/health (SQLite)', () => {
	let dir: string;

	beforeAll(async () => {
		dir = await mkdtemp(join(tmpdir(), 'yol-health-'));
		vi.stubEnv('DATABASE_URL', '');
		vi.stubEnv('YOL_DEMO', '1');
		vi.stubEnv('YOL_DB_FILE', join(dir, 'nested', 'yol.sqlite'));
	});

	afterEach(async () => {
		await stopServer();
		vi.restoreAllMocks();
	});

	afterAll(async () => {
		vi.unstubAllEnvs();
		await rm(dir, { recursive: true });
	});

	it('creates the file, migrates, seeds once and logs one line per step', async () => {
		const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
		const { store, config } = await initServer();
		expect(config.sqliteFile).toBe(join(dir, 'nested', 'yol.sqlite'));
		expect(await initServer()).toMatchObject({ store });
		expect(await getMeta(store, 'demo_seeded_at')).toBeDefined();
		expect(log.mock.calls.map(([line]) => String(line))).toEqual([
			`Yol: store sqlite at ${config.sqliteFile}, ${migrations.length} migration${migrations.length === 1 ? '' : 's'} applied (schema ${latest})`,
			expect.stringMatching(/^Yol: instance [0-9a-f-]{36}$/),
			expect.stringMatching(/^Yol: demo data seeded at /),
			'Yol: 5 demo accounts created'
		]);

		await stopServer();
		log.mockClear();
		await initServer();
		expect(log.mock.calls.map(([line]) => String(line))).toEqual([
			`Yol: store sqlite at ${config.sqliteFile}, no migrations to apply (schema ${latest})`,
			expect.stringMatching(/^Yol: instance /),
			'Yol: demo data already present'
		]);
	});

	it('answers 200 with the store and schema, never cached', async () => {
		vi.spyOn(console, 'log').mockImplementation(() => undefined);
		const response = await GET({} as HealthEvent);
		expect(response.status).toBe(200);
		expect(response.headers.get('cache-control')).toBe('no-store');
		const body = (await response.json()) as Record<string, unknown>;
		expect(body).toMatchObject({ ok: true, store: 'sqlite', schema: migrations.at(-1)?.id });
		expect(Date.parse(String(body.time))).not.toBeNaN();
	});

	it('answers 503 when the store cannot open, and recovers once it can', async () => {
		vi.spyOn(console, 'log').mockImplementation(() => undefined);
		const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
		const blocker = join(dir, 'a-file');
		await writeFile(blocker, '');
		vi.stubEnv('YOL_DB_FILE', join(blocker, 'yol.sqlite'));

		const response = await GET({} as HealthEvent);
		expect(response.status).toBe(503);
		expect(response.headers.get('cache-control')).toBe('no-store');
		expect(await response.json()).toEqual({ ok: false, error: 'store unavailable' });
		expect(error).toHaveBeenCalledOnce();

		vi.stubEnv('YOL_DB_FILE', join(dir, 'nested', 'yol.sqlite'));
		expect((await GET({} as HealthEvent)).status).toBe(200);
	});
});
