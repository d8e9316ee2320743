import type { RequestEvent } from '@sveltejs/kit';
import type { Actor } from '../../domain/auth';

/**
 * The signed-in user of a request. PLACEHOLDER until accounts land (#5): every request acts as
 * the demo coordinator. Server routes call this (never read cookies themselves), so that when
 * sessions arrive this is the one place that answers 401 for a request without a valid session.
 */
export function requireActor(event: Pick<RequestEvent, 'locals'>): Actor {
	void event;
	return {
		userId: 'demo-coordinator',
		username: 'coordinator',
		name: 'Demo coordinator',
		organisation: 'SMS',
		role: 'coordinator',
		language: 'az',
		locationIds: null
	};
}
