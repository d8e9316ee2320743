import type { Migration } from './index';

/**
 * Who made a change, as the server knows them. Until now a tablet wrote its user's username into
 * a value's `updatedBy` and the server kept it, while conflicts are shown to their authors by
 * user id: a caseworker never received the conflicts they made. The server now stamps the user
 * id from the session (sync/push.ts); this migration rewrites what was stored before:
 *
 * - values, conflict records (`yours.by`, `theirs.by`, `resolvedBy`) and the conflicts table
 *   (`resolved_by`, `updatedBy` inside `yours`/`theirs`) naming a username get that user's id
 *   (a text that is already some user's id is left as it is);
 * - conflict records get their authors' names and organisations (`byName`, `byOrganisation`);
 * - every conflict record gets a new revision, so devices that skipped it (their user was not
 *   recognised as its author) or hold it with usernames pull it again. Conflicts are few.
 *
 * `devices.device_name`: the name a user gave their tablet ("Ganja office tablet 2"), sent with
 * pushes and shown beside the versions of a conflict.
 */
const NOT_AN_ID = `username NOT IN (SELECT id FROM users)`;

function sqliteById(table: string, column: string, path: string, where: string): string {
	const at = `json_extract(${table}.${column}, '${path}')`;
	return `UPDATE ${table} SET ${column} = json_set(${column}, '${path}',
			(SELECT id FROM users WHERE username = ${at}))
		WHERE ${where} AND ${at} IN (SELECT username FROM users WHERE ${NOT_AN_ID});`;
}

function sqliteName(side: string): string {
	const by = `json_extract(records.data, '$.${side}.by')`;
	return `UPDATE records SET data = json_set(data,
			'$.${side}.byName', (SELECT name FROM users WHERE id = ${by}),
			'$.${side}.byOrganisation', (SELECT organisation FROM users WHERE id = ${by}))
		WHERE entity = 'conflict' AND ${by} IN (SELECT id FROM users);`;
}

function postgresById(table: string, column: string, path: string[], where: string): string {
	const at = `t.${column} #>> '{${path.join(',')}}'`;
	return `UPDATE ${table} t SET ${column} = jsonb_set(t.${column}, '{${path.join(',')}}', to_jsonb(u.id))
		FROM users u WHERE ${where} AND ${at} = u.username AND u.${NOT_AN_ID};`;
}

function postgresName(side: string): string {
	return `UPDATE records t SET data = jsonb_set(jsonb_set(t.data,
			'{${side},byName}', to_jsonb(u.name)), '{${side},byOrganisation}', to_jsonb(u.organisation))
		FROM users u WHERE t.entity = 'conflict' AND t.data #>> '{${side},by}' = u.id;`;
}

export const m006Authors: Migration = {
	id: 6,
	name: 'authors',
	sqlite: `
		ALTER TABLE devices ADD COLUMN device_name TEXT;
		${sqliteById('records', 'data', '$.updatedBy', `entity = 'value'`)}
		${sqliteById('records', 'data', '$.yours.by', `entity = 'conflict'`)}
		${sqliteById('records', 'data', '$.theirs.by', `entity = 'conflict'`)}
		${sqliteById('records', 'data', '$.resolvedBy', `entity = 'conflict'`)}
		${sqliteName('yours')}
		${sqliteName('theirs')}
		${sqliteById('conflicts', 'yours', '$.updatedBy', `yours IS NOT NULL`)}
		${sqliteById('conflicts', 'theirs', '$.updatedBy', `theirs IS NOT NULL`)}
		UPDATE conflicts SET resolved_by = (SELECT id FROM users WHERE username = conflicts.resolved_by)
			WHERE resolved_by IN (SELECT username FROM users WHERE ${NOT_AN_ID});
		UPDATE records SET rev = (SELECT rev FROM sync_revision WHERE id = 1)
				+ (SELECT count(*) FROM records c WHERE c.entity = 'conflict' AND c.id <= records.id)
			WHERE entity = 'conflict';
		UPDATE sync_revision SET rev = rev + (SELECT count(*) FROM records WHERE entity = 'conflict')
			WHERE id = 1;`,
	postgres: `
		ALTER TABLE devices ADD COLUMN device_name text;
		${postgresById('records', 'data', ['updatedBy'], `t.entity = 'value'`)}
		${postgresById('records', 'data', ['yours', 'by'], `t.entity = 'conflict'`)}
		${postgresById('records', 'data', ['theirs', 'by'], `t.entity = 'conflict'`)}
		${postgresById('records', 'data', ['resolvedBy'], `t.entity = 'conflict'`)}
		${postgresName('yours')}
		${postgresName('theirs')}
		${postgresById('conflicts', 'yours', ['updatedBy'], `t.yours IS NOT NULL`)}
		${postgresById('conflicts', 'theirs', ['updatedBy'], `t.theirs IS NOT NULL`)}
		UPDATE conflicts t SET resolved_by = u.id FROM users u
			WHERE t.resolved_by = u.username AND u.${NOT_AN_ID};
		UPDATE records t SET rev = (SELECT rev FROM sync_revision WHERE id = 1) + ranked.n
			FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM records
				WHERE entity = 'conflict') ranked
			WHERE t.entity = 'conflict' AND t.id = ranked.id;
		UPDATE sync_revision SET rev = rev + (SELECT count(*) FROM records WHERE entity = 'conflict')
			WHERE id = 1;`
};
