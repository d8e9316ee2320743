import { describe, expect, it } from 'vitest';
import type { Indicator, IndicatorValue } from './indicators';
import type { Measure, MeasureNote } from './measures';
import type { Organisation } from './organisations';
import { assembleReport, nationalFigure, reportPeriod } from './report';
import { SEED_INDICATORS } from './seed/catalogue';

const org: Organisation = {
	id: 'org-sms',
	name: { az: 'Dövlət Miqrasiya Xidməti', en: 'State Migration Service', ru: '' },
	shortName: { az: 'DMX', en: 'SMS', ru: 'ГМС' }
};

function measure(
	id: string,
	chapter: number,
	number: string,
	extra: Partial<Measure> = {}
): Measure {
	return {
		id,
		chapter,
		chapterTitle: { az: `Fəsil ${chapter}`, en: `Chapter ${chapter}`, ru: '' },
		number,
		area: null,
		title: { az: `Tədbir ${number}`, en: `Measure ${number}`, ru: `Мероприятие ${number}` },
		deadline: 'ongoing',
		responsibleBodyIds: ['org-sms'],
		status: 'in_progress',
		indicatorIds: [],
		...extra
	};
}

function note(
	id: string,
	measureId: string,
	date: string,
	extra: Partial<MeasureNote> = {}
): MeasureNote {
	return {
		id,
		measureId,
		date,
		text: `Note ${id}`,
		lang: 'en',
		authorName: 'Aysel',
		organisationId: 'org-sms',
		createdAt: `${date}T09:00:00.000Z`,
		...extra
	};
}

const measures = [
	measure('m21', 2, '2.1'),
	measure('m110', 1, '1.10'),
	measure('m12', 1, '1.2'),
	measure('m14', 1, '1.4', { title: { az: '', en: 'Only in English', ru: '' } })
];
const notes = [
	note('late', 'm12', '2026-11-20'),
	note('early', 'm12', '2026-02-01', { lang: 'ru', text: 'Проведено' }),
	note('before', 'm12', '2025-12-31'),
	note('after', 'm12', '2027-01-01'),
	note('other', 'm21', '2026-06-15', { lang: 'az', text: 'Görülüb' })
];
const period = { from: '2026-01-01', to: '2026-12-31' };
const sources = { measures, notes, organisations: [org], indicators: [], values: [] };

describe('assembleReport', () => {
	it('orders chapters, then measures by number as numbers', () => {
		const report = assembleReport(sources, period, 'en');
		expect(report.chapters.map((c) => c.chapter)).toEqual([1, 2]);
		expect(report.chapters[0]!.rows.map((r) => r.number)).toEqual(['1.2', '1.4', '1.10']);
		expect(report.chapters[0]!.title?.text).toBe('Chapter 1');
	});

	it("keeps only the period's notes, in date order, under their measure", () => {
		const report = assembleReport(sources, period, 'en');
		const row = report.chapters[0]!.rows[0]!;
		expect(row.notes.map((n) => n.id)).toEqual(['early', 'late']);
		expect(report.chapters[1]!.rows[0]!.notes.map((n) => n.id)).toEqual(['other']);
		expect(row.notes[0]!.organisation?.text).toBe('SMS');
	});

	it('marks text that exists only in another language instead of dropping it', () => {
		const ru = assembleReport(sources, period, 'ru');
		const [r12, r14] = ru.chapters[0]!.rows;
		expect(r12!.title).toEqual({ text: 'Мероприятие 1.2', lang: 'ru', fallback: false });
		expect(r14!.title).toEqual({ text: 'Only in English', lang: 'en', fallback: true });
		// The chapter title has no Russian: Azerbaijani stands in, the source language.
		expect(ru.chapters[0]!.title).toEqual({ text: 'Fəsil 1', lang: 'az', fallback: true });
		expect(r12!.bodies[0]).toEqual({
			text: 'Dövlət Miqrasiya Xidməti',
			lang: 'az',
			fallback: true
		});
		// Notes are never translated: the Russian note is plain in Russian, the English one marked.
		expect(r12!.notes.map((n) => [n.text.lang, n.text.fallback])).toEqual([
			['ru', false],
			['en', true]
		]);
	});

	it("gives a linked indicator's national figure before and at the end of the period", () => {
		const indicator =
			SEED_INDICATORS.find((i) => i.unit === 'count' && i.periodicity === 'yearly') ??
			({
				...SEED_INDICATORS[0]!,
				periodicity: 'yearly',
				unit: 'count',
				id: 'ind-x',
				code: 'H99',
				disaggregations: []
			} as Indicator);
		const value = (period: string, locationId: string, v: number | null): IndicatorValue => ({
			id: `${period}-${locationId}`,
			indicatorId: indicator.id,
			locationId,
			period,
			cell: 'total',
			value: v,
			comment: '',
			updatedAt: '2026-01-01T00:00:00.000Z',
			updatedBy: 'x',
			rev: 1,
			deleted: false
		});
		const values = [
			value('2024', 'a', 1),
			value('2025', 'a', 10),
			value('2025', 'b', 5),
			value('2026', 'a', 12),
			value('2026', 'b', null),
			value('2027', 'a', 99)
		];
		const report = assembleReport(
			{
				...sources,
				measures: [measure('m', 1, '1.1', { indicatorIds: [indicator.id, 'ind-gone'] })],
				indicators: [indicator],
				values
			},
			period,
			'en'
		);
		const [linked] = report.chapters[0]!.rows[0]!.indicators;
		expect(report.chapters[0]!.rows[0]!.indicators).toHaveLength(1);
		expect(linked!.start).toEqual({ period: '2025', value: 15 });
		expect(linked!.end).toEqual({ period: '2026', value: 12 });
	});
});

describe('nationalFigure', () => {
	it('adds counts and averages rates', () => {
		const vals = [10, 20, null].map((value) => ({ value, deleted: false }));
		expect(nationalFigure('count', vals)).toBe(30);
		expect(nationalFigure('percent', vals)).toBe(15);
		expect(nationalFigure('count', [])).toBeNull();
	});
});

describe('reportPeriod', () => {
	it('defaults to the current year and swaps reversed bounds', () => {
		expect(reportPeriod(null, null, '2026-11-23')).toEqual({
			from: '2026-01-01',
			to: '2026-12-31'
		});
		expect(reportPeriod('2026-12-31', '2026-01-01', '2026-11-23')).toEqual({
			from: '2026-01-01',
			to: '2026-12-31'
		});
		expect(reportPeriod('junk', '2026-06-30', '2026-11-23')).toEqual({
			from: '2026-01-01',
			to: '2026-06-30'
		});
	});
});
