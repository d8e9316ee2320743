/**
 * Which message namespaces a screen needs, so that a start fetches only those (the app shell's
 * size budget) and each route has its messages before it renders (no key ever flashes).
 *
 * SHELL: what every screen shows (header, navigation, sync status, user menu; common holds the
 * words of loading, units, the first start and the account). Pieces loaded on demand may load
 * their own (the sign-out dialog: auth). ROUTES: the rest, by the route's first path
 * segment. A segment not listed loads every namespace, so a new route is never untranslated;
 * tests/unit/route-namespaces.spec.ts checks these lists against the namespaces each route's
 * code refers to.
 */
export const SHELL_NAMESPACES = ['common', 'sync', 'pwa', 'areas'] as const;

export const ROUTE_NAMESPACES: Readonly<Record<string, readonly string[]>> = {
	'': ['dashboard', 'checks'],
	admin: ['admin'],
	areas: ['auth', 'entry', 'conflicts', 'dashboard', 'detail', 'validation', 'import', 'checks'],
	checks: ['checks', 'dashboard', 'auth', 'entry'],
	catalogue: ['auth', 'catalogue'],
	conflicts: ['conflicts', 'entry', 'validation'],
	exchange: ['exchange', 'entry'],
	import: ['import', 'validation', 'exchange'],
	indicators: ['dashboard', 'detail', 'entry'],
	measures: ['auth', 'measures', 'meetings', 'catalogue', 'organisations'],
	meeting: ['dashboard', 'detail', 'checks'],
	meetings: ['auth', 'measures', 'meetings', 'catalogue', 'organisations'],
	organisations: ['auth', 'organisations', 'measures', 'catalogue'],
	report: ['measures', 'report'],
	signin: ['auth']
};

/** The namespaces a route (a SvelteKit route id such as "/measures/[id]") needs, shell included. */
export function namespacesFor(routeId: string | null, all: readonly string[]): string[] {
	if (routeId === null) return [...SHELL_NAMESPACES]; // not found: the error page
	const segment = routeId.split('/')[1] ?? '';
	const own = ROUTE_NAMESPACES[segment];
	return own ? [...SHELL_NAMESPACES, ...own] : [...all];
}
