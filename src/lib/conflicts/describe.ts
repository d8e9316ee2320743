import type { LocalIndicator, LocalLocation } from '$lib/db/database';
import { DIMENSIONS, parseCellKey } from '$lib/domain/disaggregation';
import type { Language } from '$lib/domain/languages';
import { periodLabel } from '$lib/domain/periods';
import type { ConflictRecord, ConflictSide } from '$lib/domain/sync/conflict';
import { pickText } from '$lib/domain/text';
import { t } from '$lib/i18n';

/**
 * How the review names a conflict's value and its two versions, from the catalogue on this
 * device: indicator, place, period and cell in the reader's language, as the entry grid does.
 */
export interface ConflictPlace {
	indicator: string;
	place: string;
	period: string;
	cell: string;
}

export function describePlace(
	conflict: Pick<ConflictRecord, 'indicatorId' | 'locationId' | 'period' | 'cell'>,
	indicator: LocalIndicator | undefined,
	location: LocalLocation | undefined,
	lang: Language
): ConflictPlace {
	const cell = parseCellKey(conflict.cell);
	const parts = cell
		? DIMENSIONS.filter((d) => cell[d] !== undefined).map((d) =>
				t(`entry:category.${String(cell[d])}`)
			)
		: [conflict.cell];
	let period = conflict.period;
	try {
		period = periodLabel(conflict.period, lang);
	} catch {
		// A period this version cannot read: its id is still a fair name.
	}
	return {
		indicator: indicator
			? `${indicator.code} · ${pickText(indicator.name, lang).text}`
			: conflict.indicatorId,
		place: location ? pickText(location.name, lang).text : conflict.locationId,
		period,
		cell: parts.length ? parts.join(', ') : t('entry:grid.total')
	};
}

/** A person as a conflict names them: "Aytən Məmmədova (SMS, Ganja regional office)". */
function person(side: Pick<ConflictSide, 'by' | 'byName' | 'byOrganisation'>): string {
	if (side.byName) {
		return side.byOrganisation
			? t('conflicts:person', { name: side.byName, organisation: side.byOrganisation })
			: side.byName;
	}
	// Kept before servers named the sides: a device id says nothing to a person.
	return /^[0-9a-f]{8}-[0-9a-f-]{27}$/i.test(side.by) ? '' : side.by;
}

/**
 * Who typed a version and on which tablet ("Aytən Məmmədova (…), on Ganja tablet 2"), so the
 * two versions of a conflict never read alike: the name and organisation the server stamped,
 * and "this tablet", the name its user gave it, or a short id.
 */
export function authorName(
	side: Pick<ConflictSide, 'by' | 'deviceId' | 'byName' | 'byOrganisation' | 'deviceName'>,
	me: string | undefined
): string {
	const tablet =
		me && side.deviceId === me
			? t('conflicts:this_device')
			: side.deviceName
				? side.deviceName
				: side.deviceId
					? t('conflicts:device', { id: side.deviceId.slice(0, 8) })
					: '';
	const who = person(side);
	if (!who) return tablet;
	return tablet ? t('conflicts:author', { person: who, tablet }) : who;
}

/** Who resolved a conflict, by name when they wrote one of its versions or are this user. */
export function whoResolved(
	conflict: Pick<ConflictRecord, 'resolvedBy' | 'yours' | 'theirs'>,
	user: { userId: string; name: string } | null | undefined
): string {
	const id = conflict.resolvedBy ?? '';
	const side = [conflict.yours, conflict.theirs].find((s) => s.by === id && s.byName);
	if (side) return person(side);
	if (user && user.userId === id) return user.name;
	return id;
}

/**
 * The heading of a version for this reader: "Yours" and "Theirs" for its two authors, neutral
 * words for a coordinator who wrote neither.
 */
export function sideTitle(
	which: 'yours' | 'theirs',
	conflict: Pick<ConflictRecord, 'yours' | 'theirs'>,
	me: string | undefined
): string {
	const side = conflict[which];
	const other = conflict[which === 'yours' ? 'theirs' : 'yours'];
	if (me && side.deviceId === me) return t('conflicts:side.mine');
	if (me && other.deviceId === me) return t('conflicts:side.other_author');
	return t(which === 'yours' ? 'conflicts:side.set_aside' : 'conflicts:side.kept');
}
