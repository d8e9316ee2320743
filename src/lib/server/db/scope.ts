import type { Store } from './store';

/** A transaction or savepoint in progress; `done` once committed or rolled back. */
export interface Scope {
	store: Store;
	done: boolean;
	/** The transaction this savepoint is nested in. */
	parent?: Scope;
}

/**
 * The live savepoint nested (at any depth) inside `outer` that the current call runs in, if any.
 *
 * A nested transaction started on `outer` from inside one of its savepoints must start from the
 * innermost one: queued on `outer`, it would wait for that savepoint, which waits for it.
 */
export function innermost(current: Scope | undefined, outer: Scope): Scope | undefined {
	if (!current || current === outer || current.done) return undefined;
	for (let s = current.parent; s; s = s.parent) if (s === outer) return current;
	return undefined;
}
