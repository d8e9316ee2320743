import { untrack } from 'svelte';
import { StorageFullError } from '$lib/db/errors';
import type { SaveProblem, SaveResult } from '$lib/db/local-save';
import { showProblem, type ShownProblem } from './messages';
import { guardUnsaved, snapshot } from './unsaved.svelte';

export type SaveStatus = 'idle' | 'saved' | 'storage_full' | 'failed';

/** What became of a Save: `invalid` means the form shows problems and should take focus. */
export type SubmitOutcome = 'saved' | 'invalid' | 'failed';

/**
 * The life of one form between its first keystroke and a save: what was last saved, whether the
 * user has tried to save (before that, only some problems speak up), what the local store
 * refused, and the status line. Create it while the component initialises: it guards unsaved
 * typing against navigation and app updates. The catalogue's forms and the roadmap's share it;
 * `show` says a refusal in the form's own words (the catalogue's by default).
 */
export class FormSession<F extends { id?: string | undefined }> {
	readonly form: F;
	attempted = $state(false);
	status = $state<SaveStatus>('idle');
	refused = $state<ShownProblem[]>([]);
	#savedAs = $state('');
	readonly dirty = $derived.by(() => snapshot(this.form) !== this.#savedAs);

	readonly #show: (problem: SaveProblem) => ShownProblem;

	constructor(
		initial: F,
		reason: string,
		show: (problem: SaveProblem) => ShownProblem = showProblem
	) {
		this.#show = show;
		const form = $state(initial);
		this.form = form;
		this.#savedAs = snapshot(initial);
		guardUnsaved(() => this.dirty, reason);
		// A new keystroke after "Saved" means the status no longer describes the form.
		$effect(() => {
			if (this.dirty) untrack(() => (this.status = 'idle'));
		});
	}

	/**
	 * Saves when `problems` is empty. A new record takes the id the store gave it, and
	 * `onCreated` runs (e.g. to put the id in the address, so a reload opens the record).
	 */
	async submit(
		problems: readonly unknown[],
		save: () => Promise<SaveResult<{ id: string }>>,
		onCreated?: (id: string) => void
	): Promise<SubmitOutcome> {
		this.attempted = true;
		this.refused = [];
		if (problems.length > 0) return 'invalid';
		try {
			const result = await save();
			if (!result.ok) {
				this.refused = result.problems.map(this.#show);
				return 'invalid';
			}
			const isNew = !this.form.id;
			this.form.id = result.record.id;
			this.#savedAs = snapshot(this.form);
			this.attempted = false;
			this.status = 'saved';
			if (isNew) onCreated?.(result.record.id);
			return 'saved';
		} catch (error) {
			this.status = error instanceof StorageFullError ? 'storage_full' : 'failed';
			if (!(error instanceof StorageFullError)) console.error(error);
			return 'failed';
		}
	}

	/**
	 * Starts the next record on the same form (another note after one is saved): its content
	 * counts as saved, so an untouched form holds nothing to lose; the status line stays.
	 */
	restart(next: F): void {
		Object.assign(this.form, next);
		this.#savedAs = snapshot(this.form);
		this.attempted = false;
	}
}
