import { periodContaining, shiftPeriod } from '$lib/domain/periods';

/** The quarters a person picks from: the one running and the seven before it, newest first. */
export function quarterChoices(today: string, count = 8): string[] {
	const now = periodContaining(today, 'quarter');
	return Array.from({ length: count }, (_, i) => shiftPeriod(now, -i));
}

/** Meeting mode opens on the quarter the range in view ends with (a month id "2026-09"). */
export function quarterChoicesEndingAt(month: string, count = 8): string[] {
	return quarterChoices(`${month}-01`, count);
}
