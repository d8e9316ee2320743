import { expect, it } from 'vitest';
import { migrate, schemaVersion, SchemaTooNewError } from '../../src/lib/server/db/migrate';
import { migrations, type Migration } from '../../src/lib/server/db/migrations';
import { describeStores } from './stores';

const latest = migrations.at(-1)?.id ?? 0;

/** Plain CREATE TABLE (no IF NOT EXISTS): applying one twice would fail loudly. */
function table(id: number, name: string): Migration {
	const sql = `CREATE TABLE ${name} (id integer PRIMARY KEY)`;
	return { id, name, sqlite: sql, postgres: sql };
}

describeStores('migrate', (db, dialect) => {
	it('applies every migration to a fresh database', async () => {
		const { store } = db();
		const result = await migrate(store);
		expect(result).toEqual({ applied: migrations.map((m) => m.id), latest });
		expect(await schemaVersion(store)).toBe(latest);
		// Migration 1 made the meta table; migration 010 wrote the server's first epoch in it.
		const meta = await store.all<{ key: string; value: string }>('SELECT key, value FROM meta');
		expect(meta.map((row) => row.key)).toEqual(['epoch']);
		expect(meta[0]!.value).toMatch(
			/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
		);
	});

	it('records each migration in schema_migrations', async () => {
		const { store } = db();
		const before = Date.now();
		await migrate(store);
		const rows = await store.all<{ id: number; name: string; applied_at: string }>(
			'SELECT id, name, applied_at FROM schema_migrations ORDER BY id'
		);
		expect(rows.map(({ id, name }) => ({ id, name }))).toEqual(
			migrations.map(({ id, name }) => ({ id, name }))
		);
		for (const row of rows) {
			expect(row.applied_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
			expect(Date.parse(row.applied_at)).toBeGreaterThanOrEqual(before - 1000);
		}
	});

	it('is idempotent: a second run applies nothing and changes no record', async () => {
		const { store } = db();
		await migrate(store);
		const first = await store.all('SELECT * FROM schema_migrations ORDER BY id');
		const meta = await store.all('SELECT key, value FROM meta');
		expect(await migrate(store)).toEqual({ applied: [], latest });
		expect(await store.all('SELECT * FROM schema_migrations ORDER BY id')).toEqual(first);
		// The epoch too: a server restarting keeps its line of history.
		expect(await store.all('SELECT key, value FROM meta')).toEqual(meta);
	});

	it('applies only the migrations that are missing, in order', async () => {
		const { store } = db();
		await migrate(store, [table(1, 'one')]);
		const result = await migrate(store, [table(1, 'one'), table(2, 'two'), table(3, 'three')]);
		expect(result).toEqual({ applied: [2, 3], latest: 3 });
		expect(await store.all('SELECT * FROM three')).toEqual([]);
	});

	it('rolls back a failing migration with its record and keeps the earlier ones', async () => {
		const { store } = db();
		const broken: Migration = {
			id: 2,
			name: 'broken',
			sqlite: 'CREATE TABLE half (id integer); CREATE TABLE oops (',
			postgres: 'CREATE TABLE half (id integer); CREATE TABLE oops ('
		};
		await expect(migrate(store, [table(1, 'one'), broken])).rejects.toThrow();
		expect(await schemaVersion(store)).toBe(1);
		await expect(store.all('SELECT * FROM half')).rejects.toThrow();
	});

	it('refuses a database migrated by a newer release', async () => {
		const { store } = db();
		await migrate(store);
		const future = latest + 1;
		await store.run('INSERT INTO schema_migrations (id, name, applied_at) VALUES ($1, $2, $3)', [
			future,
			'from the future',
			new Date().toISOString()
		]);
		const attempt = migrate(store);
		await expect(attempt).rejects.toBeInstanceOf(SchemaTooNewError);
		await expect(attempt).rejects.toThrow(`at migration ${future}`);
	});

	it('refuses migration lists whose ids do not increase', async () => {
		const { store } = db();
		await expect(migrate(store, [table(2, 'two'), table(1, 'one')])).rejects.toThrow(
			/must increase/
		);
	});

	it('applies each migration once when several servers migrate at the same time', async () => {
		const { store, another } = db();
		const list = [table(1, 'one'), table(2, 'two'), table(3, 'three'), table(4, 'four')];
		// Several app servers share one PostgreSQL, each with its own pool. SQLite is one process
		// per file: there, concurrent calls share the one connection (a second connection in the
		// same process would block the event loop on the file lock, see sqlite.ts).
		const servers =
			dialect === 'postgres' ? [another(), another(), another(), another()] : [store, store, store];
		const results = await Promise.all(servers.map((server) => migrate(server, list)));
		expect(results.flatMap((r) => r.applied).sort()).toEqual([1, 2, 3, 4]);
		expect(await store.all('SELECT id FROM schema_migrations ORDER BY id')).toEqual(
			list.map(({ id }) => ({ id }))
		);
	});
});
