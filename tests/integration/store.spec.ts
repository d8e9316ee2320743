import { setTimeout as sleep } from 'node:timers/promises';
import { expect, it } from 'vitest';
import { StoreClosedError, type Store } from '../../src/lib/server/db/store';
import { describeStores } from './stores';

const CREATE_ITEMS = 'CREATE TABLE items (id integer PRIMARY KEY, name text NOT NULL, n integer)';

async function names(store: Store): Promise<string[]> {
	const rows = await store.all<{ name: string }>('SELECT name FROM items ORDER BY id');
	return rows.map((row) => row.name);
}

describeStores('Store', (db, dialect) => {
	it('reports its dialect', () => {
		expect(db().store.dialect).toBe(dialect);
	});

	it('binds a repeated $1 to the same value', async () => {
		const { store } = db();
		await store.exec(CREATE_ITEMS);
		await store.run('INSERT INTO items (id, name, n) VALUES ($1, $2, $1)', [7, 'seven']);
		const row = await store.get('SELECT id, name, n FROM items WHERE id = $1 AND n = $1', [7]);
		expect(row).toEqual({ id: 7, name: 'seven', n: 7 });
	});

	it('leaves $1 inside string literals alone', async () => {
		const { store } = db();
		await store.exec(CREATE_ITEMS);
		await store.run(`INSERT INTO items (id, name) VALUES ($1, 'costs $2, it''s $1')`, [1]);
		expect(await names(store)).toEqual([`costs $2, it's $1`]);
	});

	it('rejects a parameter count that does not match the SQL', async () => {
		const { store } = db();
		await store.exec(CREATE_ITEMS);
		await expect(store.all('SELECT * FROM items WHERE id = $1', [1, 2])).rejects.toThrow();
		await expect(store.all('SELECT * FROM items WHERE id = $1 OR n = $2', [1])).rejects.toThrow();
	});

	it('rejects undefined parameters', async () => {
		const { store } = db();
		await store.exec(CREATE_ITEMS);
		const params = [undefined as unknown as null];
		await expect(store.run('DELETE FROM items WHERE id = $1', params)).rejects.toThrow(
			/\$1 is undefined/
		);
	});

	it('returns rows of the same shape on both engines', async () => {
		const { store } = db();
		await store.exec(
			dialect === 'sqlite'
				? 'CREATE TABLE shapes (id INTEGER PRIMARY KEY, big INTEGER, flag INTEGER, doc TEXT, at TEXT, day TEXT)'
				: 'CREATE TABLE shapes (id integer PRIMARY KEY, big bigint, flag boolean, doc jsonb, at timestamptz, day date)'
		);
		const doc = JSON.stringify({ answer: 42, text: 'Yol' });
		await store.run('INSERT INTO shapes VALUES ($1, $2, $3, $4, $5, $6)', [
			1,
			2 ** 40,
			true,
			doc,
			'2026-11-23T10:00:00.000Z',
			'2026-11-23'
		]);
		await store.run('INSERT INTO shapes (id, flag) VALUES ($1, $2)', [2, false]);
		const rows = await store.all<Record<string, unknown>>('SELECT * FROM shapes ORDER BY id');
		expect(rows[0]).toMatchObject({
			id: 1,
			big: 2 ** 40,
			flag: 1,
			at: '2026-11-23T10:00:00.000Z',
			day: '2026-11-23'
		});
		expect(JSON.parse(String(rows[0]?.doc))).toEqual({ answer: 42, text: 'Yol' });
		expect(rows[1]).toEqual({ id: 2, big: null, flag: 0, doc: null, at: null, day: null });
		// A boolean read back as 1 must mean true when written again.
		await store.run('UPDATE shapes SET flag = $1 WHERE id = 2', [rows[0]?.flag as number]);
		expect(await store.get('SELECT count(*) AS n FROM shapes WHERE flag = $1', [true])).toEqual({
			n: 2
		});
	});

	it('reports changed rows, and all() on a write returns no rows', async () => {
		const { store } = db();
		await store.exec(CREATE_ITEMS);
		expect(await store.all('INSERT INTO items (id, name) VALUES (1, $1)', ['a'])).toEqual([]);
		await store.run('INSERT INTO items (id, name) VALUES (2, $1)', ['b']);
		expect(await store.run('UPDATE items SET n = 1')).toEqual({ changes: 2 });
		expect(await store.run('DELETE FROM items WHERE id = $1', [99])).toEqual({ changes: 0 });
		expect(await store.get('SELECT name FROM items WHERE id = $1', [99])).toBeUndefined();
	});

	it('runs one statement for many rows in order, all or none (runMany)', async () => {
		const { store } = db();
		await store.exec(CREATE_ITEMS);
		const insert = 'INSERT INTO items (id, name, n) VALUES ($1, $2, $1)';
		expect(
			await store.runMany(insert, [
				[1, 'one'],
				[2, 'two'],
				[3, 'three']
			])
		).toEqual({
			changes: 3
		});
		expect(await names(store)).toEqual(['one', 'two', 'three']);
		// A failing row (a duplicate key) leaves none of the rows written, alone or in a transaction.
		await expect(
			store.runMany(insert, [
				[4, 'four'],
				[1, 'again']
			])
		).rejects.toThrow();
		await expect(
			store.transaction((tx) =>
				tx.runMany(insert, [
					[5, 'five'],
					[2, 'again']
				])
			)
		).rejects.toThrow();
		expect(await names(store)).toEqual(['one', 'two', 'three']);
		await expect(store.runMany(insert, [[6]])).rejects.toThrow();
	});

	it('commits a transaction that resolves', async () => {
		const { store } = db();
		await store.exec(CREATE_ITEMS);
		const result = await store.transaction(async (tx) => {
			await tx.run('INSERT INTO items (id, name) VALUES (1, $1)', ['kept']);
			return 'done';
		});
		expect(result).toBe('done');
		expect(await names(store)).toEqual(['kept']);
	});

	it('leaves nothing written when a transaction throws, and rethrows', async () => {
		const { store } = db();
		await store.exec(CREATE_ITEMS);
		const failure = new Error('boom');
		await expect(
			store.transaction(async (tx) => {
				await tx.run('INSERT INTO items (id, name) VALUES (1, $1)', ['lost']);
				await tx.run('INSERT INTO items (id, name) VALUES (2, $1)', ['lost too']);
				throw failure;
			})
		).rejects.toBe(failure);
		expect(await names(store)).toEqual([]);
	});

	it('rolls back a failed statement inside a transaction', async () => {
		const { store } = db();
		await store.exec(CREATE_ITEMS);
		await expect(
			store.transaction(async (tx) => {
				await tx.run('INSERT INTO items (id, name) VALUES (1, $1)', ['lost']);
				await tx.run('INSERT INTO items (id, name) VALUES (1, $1)', ['duplicate key']);
			})
		).rejects.toThrow();
		expect(await names(store)).toEqual([]);
	});

	it('nests transactions as savepoints: an inner failure undoes only the inner part', async () => {
		const { store } = db();
		await store.exec(CREATE_ITEMS);
		await store.transaction(async (tx) => {
			await tx.run('INSERT INTO items (id, name) VALUES (1, $1)', ['outer']);
			await expect(
				tx.transaction(async (inner) => {
					await inner.run('INSERT INTO items (id, name) VALUES (2, $1)', ['inner']);
					throw new Error('inner fails');
				})
			).rejects.toThrow('inner fails');
			await tx.transaction(async (inner) => {
				await inner.run('INSERT INTO items (id, name) VALUES (3, $1)', ['inner kept']);
			});
		});
		expect(await names(store)).toEqual(['outer', 'inner kept']);
	});

	it('runs sibling nested transactions one after the other', async () => {
		const { store } = db();
		await store.exec(CREATE_ITEMS);
		await store.transaction(async (tx) => {
			const results = await Promise.allSettled([
				tx.transaction(async (a) => {
					await a.run('INSERT INTO items (id, name) VALUES (1, $1)', ['a']);
					await sleep(20);
					throw new Error('a fails');
				}),
				tx.transaction(async (b) => {
					await b.run('INSERT INTO items (id, name) VALUES (2, $1)', ['b']);
				})
			]);
			expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled']);
		});
		expect(await names(store)).toEqual(['b']);
	});

	it('starts a transaction on an outer tx from inside a savepoint without deadlock', async () => {
		const { store } = db();
		await store.exec(CREATE_ITEMS);
		await store.transaction(async (tx) => {
			await tx.transaction(async () => {
				// Queued on `tx`, this would wait for the savepoint it runs in.
				await tx.transaction(async (deeper) => {
					await deeper.run('INSERT INTO items (id, name) VALUES (1, $1)', ['deep']);
				});
			});
		});
		expect(await names(store)).toEqual(['deep']);
	});

	it('joins the transaction when the outer store is used inside the callback', async () => {
		const { store } = db();
		await store.exec(CREATE_ITEMS);
		await expect(
			store.transaction(async () => {
				// Deadlocks on SQLite (and escapes the transaction on PostgreSQL) unless routed.
				await store.run('INSERT INTO items (id, name) VALUES (1, $1)', ['via outer store']);
				expect(await names(store)).toEqual(['via outer store']);
				await store.transaction(async (inner) => {
					await inner.run('INSERT INTO items (id, name) VALUES (2, $1)', ['nested']);
				});
				throw new Error('undo all');
			})
		).rejects.toThrow('undo all');
		expect(await names(store)).toEqual([]);
	});

	it('keeps concurrent transactions apart: one rolling back never takes the other with it', async () => {
		const { store } = db();
		await store.exec(CREATE_ITEMS);
		const [a, b] = await Promise.allSettled([
			store.transaction(async (tx) => {
				await tx.run('INSERT INTO items (id, name) VALUES (1, $1)', ['a']);
				await sleep(30);
				throw new Error('a fails');
			}),
			store.transaction(async (tx) => {
				await sleep(5);
				await tx.run('INSERT INTO items (id, name) VALUES (2, $1)', ['b']);
			})
		]);
		expect([a?.status, b?.status]).toEqual(['rejected', 'fulfilled']);
		expect(await names(store)).toEqual(['b']);
	});

	it.runIf(dialect === 'sqlite')(
		'serialises concurrent transactions on one connection (no lost update)',
		async () => {
			const { store } = db();
			await store.exec('CREATE TABLE counter (id integer PRIMARY KEY, value integer NOT NULL)');
			await store.run('INSERT INTO counter VALUES (1, 0)');
			const order: string[] = [];
			const increment = (name: string) =>
				store.transaction(async (tx) => {
					order.push(`${name} start`);
					const row = await tx.get<{ value: number }>('SELECT value FROM counter WHERE id = 1');
					await sleep(10);
					await tx.run('UPDATE counter SET value = $1 WHERE id = 1', [(row?.value ?? 0) + 1]);
					order.push(`${name} end`);
				});
			await Promise.all([increment('a'), increment('b'), increment('c')]);
			expect(await store.get('SELECT value FROM counter WHERE id = 1')).toEqual({ value: 3 });
			expect(order).toEqual(['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
		}
	);

	it('rejects use of a transaction after it finished', async () => {
		const { store } = db();
		let leaked: Store | undefined;
		await store.transaction(async (tx) => {
			leaked = tx;
		});
		await expect(leaked?.all('SELECT 1 AS one')).rejects.toThrow(/already finished/);
	});

	it('rejects calls after close, and closing twice is harmless', async () => {
		const { store } = db();
		await store.close();
		await store.close();
		await expect(store.all('SELECT 1 AS one')).rejects.toBeInstanceOf(StoreClosedError);
	});

	it('lets queued work finish before closing', async () => {
		const { store } = db();
		await store.exec(CREATE_ITEMS);
		const writing = store.transaction(async (tx) => {
			await sleep(20);
			await tx.run('INSERT INTO items (id, name) VALUES (1, $1)', ['finished']);
		});
		const other = db().another();
		await store.close();
		await writing;
		expect(await names(other)).toEqual(['finished']);
	});
});
