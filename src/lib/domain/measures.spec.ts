import { describe, expect, it } from 'vitest';
import {
	compareMeasureNumbers,
	deriveStatus,
	newMeasure,
	nextMeasureNumber,
	parseMeasure,
	parseMeasureNote,
	sortMeasures,
	type Measure,
	type MeasureNote
} from './measures';
import { organisationProblems, parseOrganisation } from './organisations';

const measure: Measure = {
	id: 'measure-1-2',
	chapter: 1,
	chapterTitle: { az: 'Birinci Fəsil', en: 'Chapter one', ru: 'Глава первая' },
	number: '1.2',
	area: null,
	title: { az: 'Tədbir', en: 'Measure', ru: 'Мероприятие' },
	deadline: '2026-06-30',
	responsibleBodyIds: ['org-sms'],
	status: 'in_progress',
	indicatorIds: ['ind-l1']
};

const note: MeasureNote = {
	id: 'note-1',
	measureId: 'measure-1-2',
	date: '2026-03-01',
	text: 'Seminar keçirilib.',
	lang: 'az',
	authorName: 'Nazim Turabov',
	organisationId: 'org-sms',
	createdAt: '2026-03-02T10:00:00.000Z'
};

function problemFields(result: { ok: boolean; problems?: { field: string }[] }): string[] {
	return result.ok ? [] : (result.problems ?? []).map((p) => p.field);
}

describe('deriveStatus', () => {
	it('shows a measure past its deadline and not done as delayed', () => {
		expect(deriveStatus(measure, '2026-07-01')).toBe('delayed');
		expect(deriveStatus({ ...measure, status: 'not_started' }, '2026-07-01')).toBe('delayed');
	});

	it('keeps the set status up to and including the deadline day', () => {
		expect(deriveStatus(measure, '2026-06-30')).toBe('in_progress');
		expect(deriveStatus({ ...measure, status: 'not_started' }, '2026-01-01')).toBe('not_started');
	});

	it('never calls a done or an ongoing measure delayed', () => {
		expect(deriveStatus({ ...measure, status: 'done' }, '2030-01-01')).toBe('done');
		expect(deriveStatus({ ...measure, deadline: 'ongoing' }, '2030-01-01')).toBe('in_progress');
	});
});

describe('measure numbers', () => {
	it('orders 1.2 before 1.10 and chapters before numbers', () => {
		expect(compareMeasureNumbers('1.2', '1.10')).toBeLessThan(0);
		const sorted = sortMeasures([
			{ chapter: 2, number: '2.1' },
			{ chapter: 1, number: '1.10' },
			{ chapter: 1, number: '1.4' }
		]);
		expect(sorted.map((m) => m.number)).toEqual(['1.4', '1.10', '2.1']);
	});

	it('proposes the next free number of a chapter', () => {
		const list = [
			{ chapter: 1, number: '1.1' },
			{ chapter: 1, number: '1.4' },
			{ chapter: 2, number: '2.1' }
		];
		expect(nextMeasureNumber(list, 1)).toBe('1.5');
		expect(nextMeasureNumber(list, 3)).toBe('3.1');
	});
});

describe('MeasureSchema', () => {
	it('accepts a measure with a date or "ongoing" deadline', () => {
		expect(parseMeasure(measure).ok).toBe(true);
		expect(parseMeasure({ ...measure, deadline: 'ongoing' }).ok).toBe(true);
	});

	it('names the field at fault', () => {
		expect(problemFields(parseMeasure({ ...measure, deadline: 'soon' }))).toEqual(['deadline']);
		expect(problemFields(parseMeasure({ ...measure, number: '2.1' }))).toEqual(['number']);
		expect(problemFields(parseMeasure({ ...measure, number: 'one' }))).toEqual(['number']);
		expect(problemFields(parseMeasure({ ...measure, responsibleBodyIds: [] }))).toEqual([
			'responsibleBodyIds'
		]);
		expect(problemFields(parseMeasure({ ...measure, status: 'delayed' }))).toEqual(['status']);
		expect(problemFields(parseMeasure({ ...measure, title: { az: ' ', en: '', ru: '' } }))).toEqual(
			['title']
		);
		expect(problemFields(parseMeasure({ ...measure, area: 'health' }))).toEqual(['area']);
	});
});

describe('MeasureNoteSchema', () => {
	it('accepts a note in any of the three languages', () => {
		expect(parseMeasureNote(note).ok).toBe(true);
		expect(parseMeasureNote({ ...note, lang: 'ru', text: 'Проведён семинар.' }).ok).toBe(true);
	});

	it('names the field at fault', () => {
		expect(problemFields(parseMeasureNote({ ...note, date: '2026-13-01' }))).toEqual(['date']);
		expect(problemFields(parseMeasureNote({ ...note, text: '   ' }))).toEqual(['text']);
		expect(problemFields(parseMeasureNote({ ...note, lang: 'fr' }))).toEqual(['lang']);
		expect(problemFields(parseMeasureNote({ ...note, authorName: '' }))).toEqual(['authorName']);
		expect(problemFields(parseMeasureNote({ ...note, measureId: 'a b' }))).toEqual(['measureId']);
	});
});

describe('OrganisationSchema', () => {
	it('needs a name in some language and names a bad field', () => {
		const org = {
			id: 'org-sms',
			name: { az: 'Dövlət Miqrasiya Xidməti', en: '', ru: '' },
			shortName: { az: 'DMX', en: 'SMS', ru: 'ГМС' }
		};
		expect(parseOrganisation(org).ok).toBe(true);
		expect(problemFields(parseOrganisation({ ...org, name: { az: '', en: '', ru: '' } }))).toEqual([
			'name'
		]);
		expect(
			problemFields(parseOrganisation({ ...org, shortName: { az: 1, en: '', ru: '' } }))
		).toEqual(['shortName.az']);
	});
});

describe('newMeasure', () => {
	const chapterTwo: Measure = {
		...measure,
		id: 'measure-2-1',
		chapter: 2,
		number: '2.1',
		chapterTitle: { az: 'İkinci Fəsil', en: 'Chapter two', ru: 'Глава вторая' }
	};

	it('turns a decision into a measure owned by the decision’s owner, due when it is due', () => {
		const decision = {
			text: { az: 'Təlimat hazırlamaq', en: 'Prepare a guide', ru: '' },
			ownerId: 'org-icmpd',
			dueDate: '2024-12-31'
		};
		const made = newMeasure([measure, chapterTwo], 'measure-new', decision);
		expect(made).toEqual({
			id: 'measure-new',
			chapter: 2,
			chapterTitle: chapterTwo.chapterTitle,
			number: '2.2',
			area: null,
			title: decision.text,
			deadline: '2024-12-31',
			responsibleBodyIds: ['org-icmpd'],
			status: 'not_started',
			indicatorIds: []
		});
		// A copy: editing the measure's title does not rewrite the meeting's decision.
		expect(made.title).not.toBe(decision.text);
		expect(parseMeasure(made).ok).toBe(true);
	});

	it('makes a decision without a due date an ongoing measure', () => {
		const made = newMeasure([measure], 'measure-new', {
			...measure,
			text: measure.title,
			ownerId: 'org-sms',
			dueDate: null
		});
		expect(made.deadline).toBe('ongoing');
		expect(made.number).toBe('1.3');
	});

	it('starts chapter 1 in an empty roadmap, with nothing chosen yet', () => {
		const made = newMeasure([], 'measure-new');
		expect(made).toMatchObject({ chapter: 1, number: '1.1', responsibleBodyIds: [] });
		expect(problemFields(parseMeasure(made))).toEqual(['title', 'responsibleBodyIds']);
	});
});

describe('organisationProblems', () => {
	const sms = {
		id: 'org-sms',
		name: { az: 'Dövlət Miqrasiya Xidməti', en: 'State Migration Service', ru: '' },
		shortName: { az: 'DMX', en: 'SMS', ru: 'ГМС' }
	};

	it('accepts a new body and a renamed one, also when only its own name matches', () => {
		const ngo = {
			id: 'org-ngo',
			name: { az: 'Qaçqınlara Yardım', en: 'Help for Refugees', ru: '' },
			shortName: { az: '', en: '', ru: '' }
		};
		expect(organisationProblems(ngo, [sms])).toMatchObject({ ok: true });
		expect(
			organisationProblems({ ...sms, shortName: { ...sms.shortName, en: 'SMS' } }, [sms]).ok
		).toBe(true);
	});

	it('names the field and language of a name another body already uses, whatever its case', () => {
		const copy = {
			id: 'org-copy',
			name: { az: 'dövlət miqrasiya xidməti ', en: 'Other', ru: '' },
			shortName: { az: '', en: '', ru: 'гмс' }
		};
		expect(problemFields(organisationProblems(copy, [sms]))).toEqual(['name.az', 'shortName.ru']);
	});

	it('reports schema problems first', () => {
		expect(
			problemFields(organisationProblems({ ...sms, name: { az: '', en: '', ru: '' } }, []))
		).toEqual(['name']);
	});
});
