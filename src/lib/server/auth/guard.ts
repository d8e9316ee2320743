import { error, type RequestEvent } from '@sveltejs/kit';
import { SESSION_ENDED, type Actor, type Role } from '../../domain/auth';

/**
 * The signed-in user of a request. hooks.server.ts finds the session from the cookie and already
 * answers 401 `{ error }` for an /api request without a valid one, so routes call this (never
 * read cookies themselves) and it throws only if a route is reached some other way.
 */
export function requireActor(event: Pick<RequestEvent, 'locals'>): Actor {
	const actor = event.locals.actor;
	if (!actor) error(401, { message: SESSION_ENDED, error: SESSION_ENDED });
	return actor;
}

/** The signed-in user if they have one of `roles`; 403 `{ error }` otherwise. */
export function requireRole(event: Pick<RequestEvent, 'locals'>, ...roles: Role[]): Actor {
	const actor = requireActor(event);
	if (!roles.includes(actor.role)) {
		const message = `Your account (${actor.role}) may not do this; it needs the role ${roles.join(' or ')}.`;
		error(403, { message, error: message });
	}
	return actor;
}
