import { AsyncLocalStorage } from 'node:async_hooks';

/** What every log line written while a request is served carries (see log.ts's mixin). */
export interface RequestContext {
	id: string;
}

const current = new AsyncLocalStorage<RequestContext>();

export function withRequest<T>(context: RequestContext, fn: () => T): T {
	return current.run(context, fn);
}

export function currentRequest(): RequestContext | undefined {
	return current.getStore();
}
