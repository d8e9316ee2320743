/**
 * The rules of signing out on a shared tablet, apart from the screen that shows them.
 *
 * - Unsynced changes: the default keeps them on the tablet (they sync when the user is back);
 *   removing them needs the user to type how many there are, so it is never one careless tap.
 * - Everything synced: the user may also remove their local copy, for a tablet the next person
 *   uses; the server still has it all.
 */
export type SignOutChoice = 'keep' | 'remove';

export interface SignOutPlan {
	/** Changes that have not reached the server (the outbox). */
	pending: number;
	/** Whether the dialog must warn before signing out. */
	warn: boolean;
	/** What removing the local copy means here: losing changes, or only a copy the server has. */
	removeLoses: 'changes' | 'nothing';
	/** The text to type to confirm removing unsynced changes; null when no typing is needed. */
	confirmPhrase: string | null;
}

export function signOutPlan(pending: number): SignOutPlan {
	const unsynced = pending > 0;
	return {
		pending,
		warn: unsynced,
		removeLoses: unsynced ? 'changes' : 'nothing',
		confirmPhrase: unsynced ? String(pending) : null
	};
}

/** Whether a choice may go ahead with what the user typed into the confirmation field. */
export function mayProceed(plan: SignOutPlan, choice: SignOutChoice, typed = ''): boolean {
	if (choice === 'keep') return true;
	if (plan.confirmPhrase === null) return true;
	return typed.trim() === plan.confirmPhrase;
}
