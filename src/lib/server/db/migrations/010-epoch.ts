import { randomUUID } from 'node:crypto';
import type { Migration } from './index';

/**
 * The server's epoch (meta `epoch`): a random value that names this line of history of the
 * revisions. `npm run restore` writes a new one (cli/backup.ts), and every pull answer carries
 * it, so a device that sees it change knows the server went back in time: its cursor and its
 * acknowledged edits may be ahead of what the server now holds (issue #22 §3, sync/restore.ts).
 * Written in TypeScript, not SQL, so both stores get a value of the same form.
 */
export const m010Epoch: Migration = {
	id: 10,
	name: 'epoch',
	sqlite: '',
	postgres: '',
	async run(tx) {
		await tx.run('INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [
			'epoch',
			randomUUID()
		]);
	}
};
