import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openSqlite } from '../../src/lib/server/db/sqlite';

let dir: string | undefined;
afterEach(async () => {
	if (dir) await rm(dir, { recursive: true });
	dir = undefined;
});

/** `npm run user:create` as an operator runs it: plain Node 24, the password piped in. */
function run(args: string[], password: string) {
	return spawnSync(process.execPath, ['scripts/user-create.js', ...args], {
		input: `${password}\n`,
		encoding: 'utf8',
		env: { ...process.env, DATABASE_URL: '', YOL_DATA_DIR: dir, YOL_DEMO: '0' }
	});
}

const ADMIN = [
	'--username',
	'first.admin',
	'--name',
	'Kamran Rzayev',
	'--organisation',
	'State Migration Service',
	'--role',
	'admin'
];

it('creates the first administrator in a fresh store, with the password from stdin', async () => {
	dir = await mkdtemp(join(tmpdir(), 'yol-cli-'));
	const created = run(ADMIN, 'a-long-enough-secret');
	expect(created.stderr).toBe('');
	expect(created.stdout).toContain('Created admin "first.admin" (Kamran Rzayev');
	expect(created.status).toBe(0);
	const store = openSqlite(join(dir, 'yol.sqlite'));
	const rows = await store.all<{ username: string; role: string; password_hash: string }>(
		'SELECT username, role, password_hash FROM users'
	);
	await store.close();
	expect(rows).toHaveLength(1);
	expect(rows[0]).toMatchObject({ username: 'first.admin', role: 'admin' });
	expect(rows[0]?.password_hash).toMatch(/^\$argon2id\$/);

	const again = run(ADMIN, 'a-long-enough-secret');
	expect(again.status).toBe(1);
	expect(again.stderr).toContain('username: first.admin is already taken');
}, 60_000);

it('refuses a short password, naming the field, and creates nothing', async () => {
	dir = await mkdtemp(join(tmpdir(), 'yol-cli-'));
	const refused = run(ADMIN, 'short');
	expect(refused.status).toBe(2);
	expect(refused.stderr).toContain('password: password must be at least 10 characters');
}, 60_000);
