// Dates as a person types them: day first, as the working group writes ("31.12.2026"), whatever
// the browser's own locale would make of a native date field ("12/31/2026" in en-US Chromium).
// Stored and sent as ISO dates ("2026-12-31"), as everywhere else.

const DAY_FIRST = /^(\d{1,2})[./\-\s]+(\d{1,2})[./\-\s]+(\d{4})$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

function isoOf(year: number, month: number, day: number): string | null {
	if (month < 1 || month > 12 || day < 1 || year < 1000) return null;
	const date = new Date(Date.UTC(year, month - 1, day));
	if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
	return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The ISO date a typed date means ("31.12.2026", "1/2/2026", "2026-12-31"), or null. */
export function parseTypedDate(text: string): string | null {
	const typed = text.trim();
	const dayFirst = DAY_FIRST.exec(typed);
	if (dayFirst) return isoOf(Number(dayFirst[3]), Number(dayFirst[2]), Number(dayFirst[1]));
	const iso = ISO.exec(typed);
	if (iso) return isoOf(Number(iso[1]), Number(iso[2]), Number(iso[3]));
	return null;
}

/** An ISO date as it is shown in a date field ("31.12.2026"); anything else as it is. */
export function typedDate(iso: string): string {
	const parts = ISO.exec(iso);
	return parts ? `${parts[3]}.${parts[2]}.${parts[1]}` : iso;
}
