import type { CreateUserRequest } from '../../domain/auth';
import type { Store } from '../db/store';
import { createUser, findUserByName, UsernameTakenError } from './users';

/**
 * The demo accounts, created only in demo mode (YOL_DEMO=1, what `npm start` runs). Their
 * passwords are public (README, scripts/start.js, tests/e2e/fixtures.ts): a real deployment
 * never has them, and its first administrator comes from `npm run user:create`.
 */
export const DEMO_ACCOUNTS: readonly (CreateUserRequest & { id: string })[] = [
	{
		id: 'demo-admin',
		username: 'admin',
		password: 'admin-demo',
		name: 'Elnur Həsənov',
		organisation: 'State Migration Service, IT department',
		role: 'admin',
		language: 'az',
		locationIds: null
	},
	{
		id: 'demo-coordinator',
		username: 'coordinator',
		password: 'coordinator-demo',
		name: 'Leyla Əliyeva',
		organisation: 'State Migration Service, working group secretariat',
		role: 'coordinator',
		language: 'az',
		locationIds: null
	},
	{
		id: 'demo-caseworker',
		username: 'caseworker',
		password: 'caseworker-demo',
		name: 'Tural Quliyev',
		organisation: 'State Migration Service, Ganja regional office',
		role: 'caseworker',
		language: 'az',
		locationIds: ['reg-ganja-dashkasan']
	},
	// A second caseworker of the same region: two people who can edit one cell on two tablets
	// and meet a conflict (tests/e2e/sync-caseworkers.spec.ts).
	{
		id: 'demo-caseworker2',
		username: 'caseworker2',
		password: 'caseworker2-demo',
		name: 'Aytən Məmmədova',
		organisation: 'State Migration Service, Ganja regional office',
		role: 'caseworker',
		language: 'az',
		locationIds: ['reg-ganja-dashkasan']
	},
	{
		id: 'demo-member',
		username: 'member',
		password: 'member-demo',
		name: 'Natalya Smirnova',
		organisation: 'UNHCR Azerbaijan',
		role: 'member',
		language: 'ru',
		locationIds: null
	}
];

/** Creates the demo accounts that do not exist yet; returns how many were created. */
export async function seedDemoUsers(store: Store, now = new Date()): Promise<number> {
	let created = 0;
	for (const account of DEMO_ACCOUNTS) {
		if (await findUserByName(store, account.username)) continue;
		try {
			await createUser(store, account, { userId: null, deviceId: null, at: now.toISOString() });
			created += 1;
		} catch (error) {
			// Another app server created it in the meantime.
			if (!(error instanceof UsernameTakenError)) throw error;
		}
	}
	return created;
}
