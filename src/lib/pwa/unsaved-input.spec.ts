import { describe, expect, it, vi } from 'vitest';
import { trackUnsavedInput, type EventSource } from './unsaved-input';

/** A document stand-in: records listeners and fires events at a chosen target. */
class FakeDocument implements EventSource {
	#listeners = new Map<string, Set<(event: Event) => void>>();

	addEventListener(type: string, listener: (event: Event) => void) {
		if (!this.#listeners.has(type)) this.#listeners.set(type, new Set());
		this.#listeners.get(type)!.add(listener);
	}

	removeEventListener(type: string, listener: (event: Event) => void) {
		this.#listeners.get(type)?.delete(listener);
	}

	fire(type: string, target: object) {
		for (const listener of this.#listeners.get(type) ?? []) {
			listener({ type, target } as unknown as Event);
		}
	}

	listenerCount() {
		return [...this.#listeners.values()].reduce((sum, set) => sum + set.size, 0);
	}
}

function field(props: Record<string, unknown> = {}) {
	return { tagName: 'INPUT', value: '', isConnected: true, name: 'amount', ...props };
}

function setup() {
	const doc = new FakeDocument();
	return { doc, tracker: trackUnsavedInput(doc) };
}

describe('unsaved input tracker', () => {
	it('starts clear', () => {
		expect(setup().tracker.isClear()).toBe(true);
	});

	it('blocks while a field has been typed in but not committed', () => {
		const { doc, tracker } = setup();
		const input = field();
		doc.fire('focusin', input);
		input.value = '12';
		doc.fire('input', input);
		expect(tracker.isClear()).toBe(false);
		expect(tracker.reasons()).toEqual(['field:amount']);

		doc.fire('change', input);
		expect(tracker.isClear()).toBe(true);
	});

	it('tracks textareas and selects, but not buttons or other elements', () => {
		const { doc, tracker } = setup();
		doc.fire('input', { tagName: 'BUTTON' });
		doc.fire('input', { tagName: 'DIV' });
		expect(tracker.isClear()).toBe(true);
		doc.fire('input', field({ tagName: 'TEXTAREA', name: 'notes' }));
		doc.fire('input', field({ tagName: 'SELECT', name: 'region' }));
		expect(tracker.reasons()).toEqual(['field:notes', 'field:region']);
	});

	it('stays blocked until every pending field is committed', () => {
		const { doc, tracker } = setup();
		const a = field({ name: 'a' });
		const b = field({ name: 'b' });
		doc.fire('input', a);
		doc.fire('input', b);
		doc.fire('change', a);
		expect(tracker.isClear()).toBe(false);
		doc.fire('change', b);
		expect(tracker.isClear()).toBe(true);
	});

	it('clears a field edited back to its value at focus, which gets no change event', () => {
		const { doc, tracker } = setup();
		const input = field({ value: '7' });
		doc.fire('focusin', input);
		input.value = '78';
		doc.fire('input', input);
		input.value = '7';
		doc.fire('input', input);
		doc.fire('focusout', input);
		expect(tracker.isClear()).toBe(true);
	});

	it('keeps a changed field blocked on focusout without change (the window lost focus)', () => {
		const { doc, tracker } = setup();
		const input = field({ value: '7' });
		doc.fire('focusin', input);
		input.value = '78';
		doc.fire('input', input);
		doc.fire('focusout', input);
		expect(tracker.isClear()).toBe(false);
	});

	it('forgets fields whose form was submitted, reset or removed from the page', () => {
		const { doc, tracker } = setup();
		const form = { tagName: 'FORM' };
		const submitted = field({ name: 's', form });
		const other = field({ name: 'o', form: { tagName: 'FORM' } });
		doc.fire('input', submitted);
		doc.fire('input', other);
		doc.fire('submit', form);
		expect(tracker.reasons()).toEqual(['field:o']);

		other.isConnected = false;
		expect(tracker.isClear()).toBe(true);

		const resettable = field({ name: 'r', form });
		doc.fire('input', resettable);
		doc.fire('reset', form);
		expect(tracker.isClear()).toBe(true);
	});

	it('holds reloads until every hold is released, and release is idempotent', () => {
		const { tracker } = setup();
		const releaseA = tracker.holdReload('measure form');
		const releaseB = tracker.holdReload('meeting minutes');
		expect(tracker.reasons()).toEqual(['measure form', 'meeting minutes']);
		releaseA();
		releaseA();
		expect(tracker.reasons()).toEqual(['meeting minutes']);
		releaseB();
		expect(tracker.isClear()).toBe(true);
	});

	it('tells subscribers when the state may have changed, and stops when unsubscribed', () => {
		const { doc, tracker } = setup();
		const listener = vi.fn();
		const unsubscribe = tracker.subscribe(listener);
		const input = field();
		doc.fire('input', input);
		doc.fire('input', input); // still the same pending field: no news
		doc.fire('change', input);
		tracker.holdReload('x')();
		expect(listener).toHaveBeenCalledTimes(4);
		unsubscribe();
		doc.fire('input', input);
		expect(listener).toHaveBeenCalledTimes(4);
	});

	it('removes its document listeners when destroyed', () => {
		const { doc, tracker } = setup();
		expect(doc.listenerCount()).toBeGreaterThan(0);
		tracker.destroy();
		expect(doc.listenerCount()).toBe(0);
	});
});
