// See https://svelte.dev/docs/kit/types#app.d.ts
import type { Actor } from '$lib/domain/auth';
import type { Session } from '$lib/server/auth/sessions';

declare global {
	namespace App {
		interface Error {
			message: string;
			/** The same text, so an API error thrown with `error()` has the API's `{ error }` shape. */
			error?: string;
		}
		interface Locals {
			/** The signed-in user of an /api request (set by hooks.server.ts). */
			actor?: Actor;
			session?: Session;
		}
	}
}

export {};
