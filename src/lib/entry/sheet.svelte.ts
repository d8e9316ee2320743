import type { LocalValue, YolDatabase } from '$lib/db/database';
import { StorageFullError } from '$lib/db/errors';
import { saveValue } from '$lib/db/values';
import type { Indicator } from '$lib/domain/indicators';
import type { Language } from '$lib/domain/languages';
import type { ValidationErrorCode } from '$lib/domain/validation';
import { validateValue } from '$lib/domain/validation';
import { decideCommit } from './commit';
import { formatForInput } from './format-value';
import { currentUserLabel } from './user';

export interface CellError {
	code: ValidationErrorCode;
	params?: Record<string, number>;
}

/** What the confirmation dialog is asked about; it answers with a comment, or null to go back. */
export interface JumpQuestion {
	key: string;
	value: number;
	previous: number;
}

export interface SheetSource {
	db: YolDatabase;
	indicator: Indicator;
	locationId: string;
	period: string;
	/** The grid's stored records by cell key, kept current by a live query. */
	stored: () => ReadonlyMap<string, LocalValue>;
	/** The same cells in the previous period, for the tenfold check. */
	previous: () => ReadonlyMap<string, LocalValue>;
	ask: (question: JumpQuestion) => Promise<string | null>;
}

/**
 * The typed-but-not-saved state of one entry grid (one indicator, place and period). Typed text
 * lives here until the device has it: it is only dropped after saveValue resolved, so an invalid
 * value, a refused confirmation or a full disk leave exactly what was typed in the field.
 */
export class EntrySheet {
	drafts = $state<Record<string, string>>({});
	errors = $state<Record<string, CellError>>({});
	saving = $state<Record<string, boolean>>({});
	/** Cells whose last save failed for lack of space. */
	full = $state<Record<string, boolean>>({});
	/** A failure other than validation and space, in its own words. */
	failure = $state<string | null>(null);
	/** Records just written, shown until the live query catches up, so nothing flickers back. */
	#recent = $state<Record<string, LocalValue>>({});
	#asking = false;
	#by: Promise<string> | undefined;

	constructor(private readonly source: SheetSource) {}

	get storageFull(): boolean {
		return Object.values(this.full).some(Boolean);
	}

	get hasUnsaved(): boolean {
		return Object.keys(this.drafts).length > 0;
	}

	record(key: string): LocalValue | undefined {
		const live = this.source.stored().get(key);
		const recent = this.#recent[key];
		if (!recent || !live) return live ?? recent;
		// The stored copy wins once it has caught up with this save, or once sync has moved it on
		// (a newer server revision, or a conflict/refusal whose server copy may be OLDER than the
		// edit typed here: comparing timestamps alone kept showing the losing value as saved).
		const movedOn =
			live.rev > recent.rev || live.syncState === 'conflict' || live.syncState === 'rejected';
		return movedOn || live.updatedAt >= recent.updatedAt ? live : recent;
	}

	text(key: string, lang: Language): string {
		return (
			this.drafts[key] ?? formatForInput(this.record(key)?.value, this.source.indicator.unit, lang)
		);
	}

	input(key: string, text: string): void {
		this.drafts[key] = text;
		delete this.errors[key];
	}

	/** The numbers the totals add up: what is typed when it is valid, else what is stored. */
	valuesForTotals(keys: readonly string[], lang: Language): Record<string, number | null> {
		const unit = this.source.indicator.unit;
		return Object.fromEntries(
			keys.map((key) => {
				const draft = this.drafts[key];
				if (draft === undefined) return [key, this.record(key)?.value ?? null];
				if (draft.trim() === '') return [key, null];
				const checked = validateValue(unit, draft, lang);
				return [key, checked.ok ? checked.value : (this.record(key)?.value ?? null)];
			})
		);
	}

	/**
	 * Saves a cell's typed text if it is valid and new. Resolves true when the cell is settled
	 * (saved or unchanged), so Enter may move on; false when the text stays for correction.
	 */
	async commit(key: string, lang: Language): Promise<boolean> {
		const raw = this.drafts[key];
		if (raw === undefined) return true;
		// A blur caused by the confirmation dialog opening must not ask a second time.
		if (this.#asking || this.saving[key]) return false;
		const record = this.record(key);
		const decision = decideCommit({
			unit: this.source.indicator.unit,
			raw,
			lang,
			stored: record?.value,
			previous: this.source.previous().get(key)?.value
		});
		switch (decision.kind) {
			case 'unchanged':
				this.#settle(key, raw);
				return true;
			case 'invalid':
				this.errors[key] = decision.params
					? { code: decision.error, params: decision.params }
					: { code: decision.error };
				return false;
			case 'confirm': {
				this.#asking = true;
				const comment = await this.source
					.ask({ key, value: decision.value, previous: decision.previous })
					.finally(() => (this.#asking = false));
				if (comment === null) return false;
				return this.#write(key, raw, decision.value, comment, lang);
			}
			case 'save':
				return this.#write(key, raw, decision.value, record?.comment ?? '', lang);
		}
	}

	/** A comment alone: the value stays as stored (a typed, unsaved value is not slipped in). */
	async saveComment(key: string, comment: string, lang: Language): Promise<boolean> {
		const record = this.record(key);
		return this.#write(key, undefined, record?.value ?? null, comment.trim(), lang);
	}

	async #write(
		key: string,
		raw: string | undefined,
		value: number | null,
		comment: string,
		// The interface's language as the person typed: what a new comment is written in.
		commentLang: Language
	): Promise<boolean> {
		const { db, indicator, locationId, period } = this.source;
		this.saving[key] = true;
		this.failure = null;
		try {
			this.#by ??= currentUserLabel(db);
			const saved = await saveValue(
				db,
				{ indicatorId: indicator.id, locationId, period, cell: key, value, comment, commentLang },
				await this.#by
			);
			this.#recent[key] = saved;
			delete this.full[key];
			if (raw !== undefined) this.#settle(key, raw);
			return true;
		} catch (error) {
			if (error instanceof StorageFullError) this.full[key] = true;
			else this.failure = error instanceof Error ? error.message : String(error);
			return false;
		} finally {
			delete this.saving[key];
		}
	}

	/** Drops the draft only if it is still what was saved: text typed meanwhile stays. */
	#settle(key: string, raw: string): void {
		if (this.drafts[key] === raw) delete this.drafts[key];
		delete this.errors[key];
	}
}
