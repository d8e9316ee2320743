import { liveQuery, type Subscription } from 'dexie';
import { untrack } from 'svelte';

/**
 * What every screen reads from the local database: the latest result, whether the first one is
 * still coming, and the error if reading failed. Screens show these three the same way
 * (components/Loadable.svelte), so "loading" and "could not read" look alike everywhere.
 */
export interface LiveResult<T> {
	readonly current: T | undefined;
	readonly isLoading: boolean;
	readonly error: Error | undefined;
}

class LiveQueryState<T> implements LiveResult<T> {
	current = $state<T | undefined>(undefined);
	isLoading = $state(true);
	error = $state<Error | undefined>(undefined);
}

/**
 * Runs `query` through Dexie's liveQuery and re-runs it whenever the tables it read change, in
 * this tab or another. `deps` names the reactive inputs (ids, place, period): when they change,
 * the old subscription is dropped and a new one starts, so a result never mixes two selections.
 * Keeping deps apart from the query matters: Svelte cannot see reads that happen after an await.
 * Call it while a component initialises (it uses $effect).
 */
export function live<D, T>(deps: () => D, query: (deps: D) => Promise<T> | T): LiveResult<T> {
	const state = new LiveQueryState<T>();
	$effect(() => {
		const args = deps();
		let subscription: Subscription | undefined;
		untrack(() => {
			state.isLoading = true;
			state.error = undefined;
			state.current = undefined;
			subscription = liveQuery(() => query(args)).subscribe({
				next: (value) => {
					state.current = value;
					state.isLoading = false;
					state.error = undefined;
				},
				error: (error: unknown) => {
					state.error = error instanceof Error ? error : new Error(String(error));
					state.isLoading = false;
				}
			});
		});
		return () => subscription?.unsubscribe();
	});
	return state;
}
