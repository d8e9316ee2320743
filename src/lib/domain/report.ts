import type { Indicator, IndicatorValue } from './indicators';
import type { Language } from './languages';
import { sortMeasures, type Measure, type MeasureNote } from './measures';
import { organisationLabel, type Organisation } from './organisations';
import { periodEnd, periodStart, sortPeriods } from './periods';
import { pickText, type PickedText, type Translated } from './text';
import { isAdditive } from './units';

/**
 * The yearly "report on work done" in the layout the ministry already uses (seed document 001):
 * chapters, then one row per measure with its number, name, deadline and responsible bodies, and
 * the work done in the period. Built from the device's data, in one language; every text carries
 * the language it is really in, so a page or a .docx can mark what stands in for a translation.
 */

export interface ReportPeriod {
	from: string;
	to: string;
}

export interface ReportNote {
	id: string;
	date: string;
	text: PickedText;
	author: string;
	organisation: PickedText | null;
}

export interface ReportFigure {
	period: string;
	value: number;
}

export interface ReportIndicator {
	id: string;
	code: string;
	name: PickedText;
	unit: Indicator['unit'];
	/** The figure standing when the period began (the last one before it), if any. */
	start: ReportFigure | null;
	/** The latest figure within the period, if any. */
	end: ReportFigure | null;
}

export interface ReportRow {
	id: string;
	number: string;
	title: PickedText;
	/** A date, or "ongoing". */
	deadline: string;
	bodies: PickedText[];
	notes: ReportNote[];
	indicators: ReportIndicator[];
}

export interface ReportChapter {
	chapter: number;
	title: PickedText | null;
	rows: ReportRow[];
}

export interface Report extends ReportPeriod {
	lang: Language;
	chapters: ReportChapter[];
}

export interface ReportSources {
	measures: readonly Measure[];
	notes: readonly MeasureNote[];
	organisations: readonly Organisation[];
	indicators: readonly Indicator[];
	/** Values of the linked indicators (others are ignored). */
	values: readonly IndicatorValue[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The period asked for in the address (?from=&to=), or the current calendar year when a bound
 * is missing or not a date; reversed bounds are swapped rather than giving an empty report.
 */
export function reportPeriod(from: string | null, to: string | null, today: string): ReportPeriod {
	const year = today.slice(0, 4);
	const start = from && DATE.test(from) ? from : `${year}-01-01`;
	const end = to && DATE.test(to) ? to : `${year}-12-31`;
	return start <= end ? { from: start, to: end } : { from: end, to: start };
}

/** A note is written in one language: shown as it is, marked when it is not the reader's. */
function noteText(note: MeasureNote, lang: Language): PickedText {
	return { text: note.text, lang: note.lang, fallback: note.lang !== lang };
}

/**
 * An indicator's national figure for one period from its values in every place and cell: the sum
 * for counts and money, the plain mean of the cells otherwise (a rate is not added up).
 */
export function nationalFigure(
	unit: Indicator['unit'],
	values: readonly Pick<IndicatorValue, 'value' | 'deleted'>[]
): number | null {
	const numbers = values
		.filter((v) => !v.deleted && v.value !== null)
		.map((v) => v.value as number);
	if (numbers.length === 0) return null;
	const sum = numbers.reduce((s, n) => s + n, 0);
	if (isAdditive(unit)) return Math.round(sum * 100) / 100;
	return Math.round((sum / numbers.length) * 10) / 10;
}

function figures(
	indicator: Indicator,
	values: readonly IndicatorValue[],
	period: ReportPeriod
): Pick<ReportIndicator, 'start' | 'end'> {
	const byPeriod = new Map<string, IndicatorValue[]>();
	for (const value of values) {
		if (value.indicatorId !== indicator.id) continue;
		const list = byPeriod.get(value.period) ?? [];
		list.push(value);
		byPeriod.set(value.period, list);
	}
	const figureOf = (id: string | undefined): ReportFigure | null => {
		if (!id) return null;
		const value = nationalFigure(indicator.unit, byPeriod.get(id) ?? []);
		return value === null ? null : { period: id, value };
	};
	const periods = sortPeriods([...byPeriod.keys()]).filter(
		(id) => nationalFigure(indicator.unit, byPeriod.get(id) ?? []) !== null
	);
	const before = periods.filter((id) => periodEnd(id) < period.from);
	const within = periods.filter(
		(id) => periodStart(id) >= period.from && periodEnd(id) <= period.to
	);
	// Without a figure from before the period, the first one inside it is where it started.
	const start = before.at(-1) ?? (within.length > 1 ? within[0] : undefined);
	return { start: figureOf(start), end: figureOf(within.at(-1)) };
}

export function assembleReport(
	sources: ReportSources,
	period: ReportPeriod,
	lang: Language
): Report {
	const organisations = new Map(sources.organisations.map((o) => [o.id, o]));
	const indicators = new Map(sources.indicators.map((i) => [i.id, i]));
	const notesOf = new Map<string, MeasureNote[]>();
	for (const note of sources.notes) {
		if (note.date < period.from || note.date > period.to) continue;
		const list = notesOf.get(note.measureId) ?? [];
		list.push(note);
		notesOf.set(note.measureId, list);
	}

	const chapters: ReportChapter[] = [];
	for (const measure of sortMeasures(sources.measures)) {
		let chapter = chapters.at(-1);
		if (!chapter || chapter.chapter !== measure.chapter) {
			chapter = { chapter: measure.chapter, title: null, rows: [] };
			chapters.push(chapter);
		}
		// The first measure of a chapter with a chapter title names it.
		if (!chapter.title && hasText(measure.chapterTitle)) {
			chapter.title = pickText(measure.chapterTitle, lang);
		}
		const notes = [...(notesOf.get(measure.id) ?? [])].sort(
			(a, b) => a.date.localeCompare(b.date) || a.createdAt.localeCompare(b.createdAt)
		);
		chapter.rows.push({
			id: measure.id,
			number: measure.number,
			title: pickText(measure.title, lang),
			deadline: measure.deadline,
			bodies: measure.responsibleBodyIds.map((id) => {
				const org = organisations.get(id);
				return org ? pickText(org.name, lang) : { text: id, lang, fallback: false };
			}),
			notes: notes.map((note) => {
				const org = note.organisationId ? organisations.get(note.organisationId) : undefined;
				return {
					id: note.id,
					date: note.date,
					text: noteText(note, lang),
					author: note.authorName,
					organisation: org ? organisationLabel(org, lang) : null
				};
			}),
			indicators: measure.indicatorIds.flatMap((id) => {
				const indicator = indicators.get(id);
				if (!indicator) return [];
				return [
					{
						id,
						code: indicator.code,
						name: pickText(indicator.name, lang),
						unit: indicator.unit,
						...figures(indicator, sources.values, period)
					}
				];
			})
		});
	}
	return { ...period, lang, chapters };
}

function hasText(t: Translated): boolean {
	return [t.az, t.en, t.ru].some((s) => s.trim() !== '');
}
