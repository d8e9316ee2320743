import type { Language } from '$lib/domain/languages';
import { ONGOING } from '$lib/domain/measures';
import { organisationLabel, type Organisation } from '$lib/domain/organisations';
import { nameCollator, type PickedText } from '$lib/domain/text';
import { formatDate } from '$lib/i18n/format';
import { t } from '$lib/i18n';

/** An organisation's short label by id; the id itself when the list does not hold it. */
export function orgLabel(
	organisations: readonly Organisation[],
	id: string | null,
	lang: Language
): PickedText | null {
	if (id === null) return null;
	const org = organisations.find((o) => o.id === id);
	return org ? organisationLabel(org, lang) : { text: id, lang, fallback: false };
}

/** "Ongoing" (the report's "Mütəmadi") or the date in the reader's language. */
export function deadlineText(deadline: string, lang: Language): string {
	return deadline === ONGOING ? t('measures:ongoing') : formatDate(deadline, lang);
}

/** Organisations as options for a select, sorted by their label in the reader's language. */
export function organisationOptions(
	organisations: readonly Organisation[],
	lang: Language
): { value: string; label: string }[] {
	return organisations
		.map((o) => ({ value: o.id, label: organisationLabel(o, lang).text }))
		.sort((a, b) => nameCollator(lang)(a.label, b.label));
}
