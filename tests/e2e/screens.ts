/** Every screen of the app, for tests that visit them all (layout, CSP). */
export const SCREENS = [
	'/',
	'/areas',
	'/areas/housing',
	'/areas/housing/H1',
	'/indicators/H1',
	'/meeting',
	'/measures',
	'/meetings',
	'/organisations',
	'/report',
	'/catalogue',
	'/catalogue/locations',
	'/conflicts',
	'/import',
	'/exchange',
	'/checks',
	'/no-such-page'
] as const;
