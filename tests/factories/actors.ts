import type { Actor } from '../../src/lib/domain/auth';

/** Signed-in users for tests that call the sync handlers directly (no session, no users row). */
export const TEST_ACTORS = {
	coordinator: {
		userId: 'test-coordinator',
		username: 'coordinator',
		name: 'Leyla Əliyeva',
		organisation: 'State Migration Service',
		role: 'coordinator',
		language: 'en',
		locationIds: null
	},
	caseworker: {
		userId: 'test-caseworker',
		username: 'caseworker',
		name: 'Tural Quliyev',
		organisation: 'State Migration Service, Ganja regional office',
		role: 'caseworker',
		language: 'en',
		locationIds: ['reg-ganja-dashkasan']
	},
	member: {
		userId: 'test-member',
		username: 'member',
		name: 'Natalya Smirnova',
		organisation: 'UNHCR Azerbaijan',
		role: 'member',
		language: 'ru',
		locationIds: null
	},
	admin: {
		userId: 'test-admin',
		username: 'admin',
		name: 'Elnur Həsənov',
		organisation: 'State Migration Service',
		role: 'admin',
		language: 'az',
		locationIds: null
	}
} as const satisfies Record<string, Actor>;

export const COORDINATOR: Actor = TEST_ACTORS.coordinator;
