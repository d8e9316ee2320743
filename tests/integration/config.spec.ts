import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/lib/server/config';

describe('loadConfig', () => {
	it('defaults to an embedded SQLite file under ./data with demo data', () => {
		expect(loadConfig({})).toEqual({
			databaseUrl: undefined,
			dataDir: './data',
			sqliteFile: join('./data', 'yol.sqlite'),
			demo: true,
			bodyLimit: 512 * 1024,
			pgPoolMax: 10
		});
	});

	it('puts the SQLite file in YOL_DATA_DIR unless YOL_DB_FILE names one', () => {
		expect(loadConfig({ YOL_DATA_DIR: '/srv/yol' }).sqliteFile).toBe(
			join('/srv/yol', 'yol.sqlite')
		);
		expect(loadConfig({ YOL_DATA_DIR: '/srv/yol', YOL_DB_FILE: '/tmp/x.db' }).sqliteFile).toBe(
			'/tmp/x.db'
		);
		expect(loadConfig({ YOL_DATA_DIR: '' }).dataDir).toBe('./data');
	});

	it('turns demo data off by default for PostgreSQL and in production, on when asked', () => {
		const url = 'postgres://yol:secret@db.example:5432/yol';
		expect(loadConfig({ DATABASE_URL: url }).demo).toBe(false);
		expect(loadConfig({ NODE_ENV: 'production' }).demo).toBe(false);
		expect(loadConfig({ NODE_ENV: 'production', YOL_DEMO: '1' }).demo).toBe(true);
		expect(loadConfig({ YOL_DEMO: '0' }).demo).toBe(false);
		expect(loadConfig({ DATABASE_URL: url }).databaseUrl).toBe(url);
		expect(loadConfig({ DATABASE_URL: 'postgresql://h/yol' }).databaseUrl).toBe(
			'postgresql://h/yol'
		);
	});

	it('explains a DATABASE_URL that is not PostgreSQL', () => {
		expect(() => loadConfig({ DATABASE_URL: 'mysql://u:p@h/db' })).toThrow(ConfigError);
		expect(() => loadConfig({ DATABASE_URL: 'mysql://u:p@h/db' })).toThrow(
			'DATABASE_URL must start with postgres:// or postgresql:// (got mysql://)'
		);
		expect(() => loadConfig({ DATABASE_URL: 'postgres://u:p@h:5432' })).toThrow(
			/names no database/
		);
	});

	it('never echoes a malformed DATABASE_URL, which may hold a password', () => {
		const attempt = () => loadConfig({ DATABASE_URL: 'not a url with s3cret' });
		expect(attempt).toThrow(/DATABASE_URL is not a valid URL/);
		expect(attempt).not.toThrow(/s3cret/);
	});

	it('explains bad flags and sizes', () => {
		expect(() => loadConfig({ YOL_DEMO: 'yes' })).toThrow('YOL_DEMO must be 1 or 0 (got "yes")');
		expect(() => loadConfig({ BODY_SIZE_LIMIT: 'lots' })).toThrow(/BODY_SIZE_LIMIT must be/);
		expect(() => loadConfig({ YOL_PG_POOL_MAX: '0' })).toThrow(/YOL_PG_POOL_MAX must be/);
	});

	it('reads BODY_SIZE_LIMIT as adapter-node does', () => {
		expect(loadConfig({ BODY_SIZE_LIMIT: '4M' }).bodyLimit).toBe(4 * 1024 * 1024);
		expect(loadConfig({ BODY_SIZE_LIMIT: '100k' }).bodyLimit).toBe(100 * 1024);
		expect(loadConfig({ BODY_SIZE_LIMIT: '2048' }).bodyLimit).toBe(2048);
		expect(loadConfig({ BODY_SIZE_LIMIT: 'Infinity' }).bodyLimit).toBe(Infinity);
	});
});
