/**
 * Knows whether reloading the page now would lose something the user typed.
 *
 * Two sources: form fields that got an `input` event but no `change` yet (typed, not committed on
 * blur or Enter), seen at document level so no form has to opt in; and explicit holds, for forms
 * that keep committed values in memory until a Save (`holdReload('measure form')`).
 */

/** The part of EventTarget the tracker uses, so tests can drive it without a DOM. */
export interface EventSource {
	addEventListener(type: string, listener: (event: Event) => void, capture?: boolean): void;
	removeEventListener(type: string, listener: (event: Event) => void, capture?: boolean): void;
}

/** What the tracker reads from a form field; real elements have all of it. */
interface FieldLike {
	tagName: string;
	value?: unknown;
	isConnected?: boolean;
	form?: unknown;
	name?: string;
	id?: string;
}

export interface UnsavedInputTracker {
	/** True when a reload would lose nothing. */
	isClear(): boolean;
	/** Why a reload would lose something, for messages and debugging. */
	reasons(): string[];
	/** Blocks reloads until the returned function is called (calling it twice is harmless). */
	holdReload(reason: string): () => void;
	/** Called whenever isClear() may have changed. */
	subscribe(listener: () => void): () => void;
	destroy(): void;
}

const FIELD_TAGS = new Set(['INPUT', 'TEXTAREA', 'SELECT']);

function asField(target: EventTarget | null): FieldLike | undefined {
	const candidate = target as Partial<FieldLike> | null;
	return candidate && typeof candidate.tagName === 'string' && FIELD_TAGS.has(candidate.tagName)
		? (candidate as FieldLike)
		: undefined;
}

function describe(field: FieldLike): string {
	const label = field.name || field.id;
	return label ? `field:${label}` : `field:${field.tagName.toLowerCase()}`;
}

export function trackUnsavedInput(root: EventSource): UnsavedInputTracker {
	const pending = new Set<FieldLike>();
	const holds = new Map<symbol, string>();
	const listeners = new Set<() => void>();
	// The value a field had when it got focus: a field edited back to that value gets no `change`
	// on blur, and must not block updates for ever.
	const valueAtFocus = new WeakMap<FieldLike, unknown>();

	const notify = () => listeners.forEach((listener) => listener());

	function settle(field: FieldLike) {
		if (pending.delete(field)) notify();
	}

	// A field removed from the page (its form closed) can no longer lose anything.
	function prune() {
		for (const field of pending) if (field.isConnected === false) pending.delete(field);
	}

	const handlers: Record<string, (event: Event) => void> = {
		focusin(event) {
			const field = asField(event.target);
			if (field) valueAtFocus.set(field, field.value);
		},
		input(event) {
			const field = asField(event.target);
			if (field && !pending.has(field)) {
				pending.add(field);
				notify();
			}
		},
		change(event) {
			const field = asField(event.target);
			if (field) settle(field);
		},
		focusout(event) {
			const field = asField(event.target);
			// Leaving a field whose value changed fires `change` first; one that did not change
			// has nothing to lose. A window switch also fires focusout, but without a `change`,
			// and there the changed value keeps the field pending.
			if (field && valueAtFocus.has(field) && valueAtFocus.get(field) === field.value) {
				settle(field);
			}
		},
		submit(event) {
			let changed = false;
			for (const field of pending) {
				if (field.form === event.target) changed = pending.delete(field) || changed;
			}
			if (changed) notify();
		},
		reset(event) {
			handlers.submit!(event);
		}
	};

	for (const [type, handler] of Object.entries(handlers))
		root.addEventListener(type, handler, true);

	return {
		isClear() {
			prune();
			return pending.size === 0 && holds.size === 0;
		},
		reasons() {
			prune();
			return [...holds.values(), ...[...pending].map(describe)];
		},
		holdReload(reason) {
			const token = Symbol(reason);
			holds.set(token, reason);
			notify();
			return () => {
				if (holds.delete(token)) notify();
			};
		},
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		destroy() {
			for (const [type, handler] of Object.entries(handlers)) {
				root.removeEventListener(type, handler, true);
			}
			listeners.clear();
		}
	};
}

let shared: UnsavedInputTracker | undefined;

/** The page's tracker, watching the whole document from the first call on. */
export function unsavedInput(): UnsavedInputTracker {
	shared ??= trackUnsavedInput(globalThis.document ?? new EventTarget());
	return shared;
}

/**
 * For forms that hold unsaved work beyond a single field: the app will not reload for an update
 * until `release()` is called, typically after a successful save or when the form closes.
 */
export function holdReload(reason: string): () => void {
	return unsavedInput().holdReload(reason);
}
