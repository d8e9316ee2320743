import { describe, expect, it } from 'vitest';
import {
	carriedOver,
	nextMeetingNumber,
	parseMeeting,
	type Decision,
	type Meeting
} from './meetings';
import { sameInAll } from './text';

function decision(id: string, status: Decision['status']): Decision {
	return {
		id,
		text: sameInAll(`Decision ${id}`),
		ownerId: 'org-sms',
		dueDate: '2026-12-31',
		status,
		measureId: null
	};
}

function meeting(id: string, number: number, date: string, decisions: Decision[]): Meeting {
	return {
		id,
		group: 'integration',
		number,
		date,
		title: sameInAll(''),
		place: sameInAll('Baku'),
		chair: 'Vüsal Hüseynov',
		organisationIds: ['org-sms', 'org-unhcr'],
		participants: [],
		agenda: [{ id: `${id}-a1`, title: sameInAll('Roadmap'), minutes: sameInAll('') }],
		decisions
	};
}

const first = meeting('m1', 1, '2026-02-10', [decision('d1', 'open'), decision('d2', 'done')]);
const second = meeting('m2', 2, '2026-05-12', [decision('d3', 'open')]);
const reintegration = {
	...meeting('r5', 5, '2026-03-01', [decision('r1', 'open')]),
	group: 'reintegration' as const
};
const all = [second, reintegration, first];

describe('carriedOver', () => {
	it("lists the open decisions of the group's earlier meetings, oldest first", () => {
		const followUps = carriedOver(all, 'integration', '2026-09-01');
		expect(followUps.map((f) => [f.decision.id, f.meetingNumber])).toEqual([
			['d1', 1],
			['d3', 2]
		]);
	});

	it('leaves out done decisions, other groups, the meeting itself and later ones', () => {
		expect(carriedOver(all, 'integration', second).map((f) => f.decision.id)).toEqual(['d1']);
		expect(carriedOver(all, 'integration', first)).toEqual([]);
		expect(carriedOver(all, 'reintegration', '2026-09-01').map((f) => f.decision.id)).toEqual([
			'r1'
		]);
	});

	it('drops a follow-up once it is marked done', () => {
		const closed = {
			...first,
			decisions: first.decisions.map((d) => ({ ...d, status: 'done' as const }))
		};
		expect(
			carriedOver([closed, second], 'integration', '2026-09-01').map((f) => f.decision.id)
		).toEqual(['d3']);
	});
});

describe('meetings', () => {
	it("numbers a group's next meeting after its last", () => {
		expect(nextMeetingNumber(all, 'integration')).toBe(3);
		expect(nextMeetingNumber([], 'reintegration')).toBe(1);
	});

	it('names the field at fault', () => {
		expect(parseMeeting(first).ok).toBe(true);
		const bad = parseMeeting({
			...first,
			decisions: [{ ...decision('d1', 'open'), dueDate: '31.12.2026' }]
		});
		expect(bad.ok ? [] : bad.problems.map((p) => p.field)).toEqual(['decisions.0.dueDate']);
		const empty = parseMeeting({
			...first,
			agenda: [{ id: 'a1', title: sameInAll(''), minutes: sameInAll('') }]
		});
		expect(empty.ok ? [] : empty.problems.map((p) => p.field)).toEqual(['agenda.0.title']);
		const group = parseMeeting({ ...first, group: 'housing' });
		expect(group.ok ? [] : group.problems.map((p) => p.field)).toEqual(['group']);
	});
});
