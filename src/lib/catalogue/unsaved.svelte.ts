import { beforeNavigate } from '$app/navigation';
import { t } from '$lib/i18n';
import { holdReload } from '$lib/pwa/unsaved-input';

/**
 * Keeps a form's unsaved changes from being lost: leaving through a link or Cancel asks first,
 * closing the tab gets the browser's own question, and an app update waits for the save
 * instead of reloading the page under the user. Call while the form component initialises.
 */
export function guardUnsaved(isDirty: () => boolean, reason: string): void {
	beforeNavigate((navigation) => {
		if (!isDirty()) return;
		// Closing or reloading the tab: only the browser may ask, and cancel() makes it ask.
		if (navigation.type === 'leave') {
			navigation.cancel();
			return;
		}
		if (!confirm(t('catalogue:form.leave_confirm'))) navigation.cancel();
	});

	$effect(() => {
		if (isDirty()) return holdReload(reason);
	});
}

/** Content compared as text, so key order in objects does not count as a change. */
export function snapshot(value: unknown): string {
	return JSON.stringify(value, (_key, v: unknown) =>
		v && typeof v === 'object' && !Array.isArray(v)
			? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
			: v
	);
}
