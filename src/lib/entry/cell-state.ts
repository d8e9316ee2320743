import type { SyncState } from '$lib/db/database';

/**
 * What a grid cell tells the caseworker about its value, always in words (colour and icon only
 * repeat it): whether what they see is only typed, waiting, kept on this device, or on the server.
 */
export type CellStateKind = 'empty' | 'unsaved' | 'invalid' | 'saving' | 'storage_full' | SyncState;

export interface CellStateInput {
	/** The stored record, if the cell has one. */
	record?: { syncState: SyncState } | undefined;
	/** Typed text that differs from the stored value and is not saved yet. */
	dirty: boolean;
	/** The typed text broke the unit's rules, so it was not saved. */
	invalid: boolean;
	/** A save is in progress. */
	saving: boolean;
	/** The last save failed because the device is full. */
	storageFull?: boolean;
}

/**
 * Typed work comes first: a cell with unsaved text must never say "Saved on this device" just
 * because an older value of it is stored.
 */
export function cellState(input: CellStateInput): CellStateKind {
	if (input.saving) return 'saving';
	if (input.storageFull && input.dirty) return 'storage_full';
	if (input.invalid) return 'invalid';
	if (input.dirty) return 'unsaved';
	return input.record?.syncState ?? 'empty';
}

/** The message key in locales/<lang>/entry.json for each state. */
export function cellStateKey(kind: CellStateKind): string {
	return `entry:state.${kind}`;
}

/** A shape beside the word, so the state reads without colour too (and in sunlight). */
export const CELL_STATE_ICON: Record<CellStateKind, string> = {
	empty: '',
	unsaved: '✎',
	invalid: '⚠',
	saving: '…',
	storage_full: '⚠',
	local: '●',
	synced: '✓',
	conflict: '⇄',
	rejected: '✕'
};
