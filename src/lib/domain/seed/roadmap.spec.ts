import { describe, expect, it } from 'vitest';
import { parseMeasure, parseMeasureNote } from '../measures';
import { parseMeeting } from '../meetings';
import { parseOrganisation } from '../organisations';
import { SEED_INDICATORS } from './catalogue';
import { SEED_MEASURE_NOTES, SEED_MEASURES } from './measures';
import { SEED_MEETINGS } from './meetings';
import { SEED_ORGANISATIONS } from './organisations';

describe('demo roadmap data', () => {
	const orgs = new Set(SEED_ORGANISATIONS.map((o) => o.id));
	const measures = new Set(SEED_MEASURES.map((m) => m.id));
	const indicators = new Set(SEED_INDICATORS.map((i) => i.id));

	it('passes the schemas the devices and the server use', () => {
		for (const o of SEED_ORGANISATIONS) expect(parseOrganisation(o)).toMatchObject({ ok: true });
		for (const m of SEED_MEASURES) expect(parseMeasure(m)).toMatchObject({ ok: true });
		for (const n of SEED_MEASURE_NOTES) expect(parseMeasureNote(n)).toMatchObject({ ok: true });
		for (const m of SEED_MEETINGS) expect(parseMeeting(m)).toMatchObject({ ok: true });
	});

	it('refers only to records that exist', () => {
		for (const m of SEED_MEASURES) {
			for (const id of m.responsibleBodyIds) expect(orgs).toContain(id);
			for (const id of m.indicatorIds) expect(indicators).toContain(id);
		}
		for (const n of SEED_MEASURE_NOTES) expect(measures).toContain(n.measureId);
		for (const m of SEED_MEETINGS) {
			for (const id of m.organisationIds) expect(orgs).toContain(id);
			for (const d of m.decisions) {
				expect(orgs).toContain(d.ownerId);
				if (d.measureId) expect(measures).toContain(d.measureId);
			}
		}
	});

	it('has every measure title and meeting decision in all three languages', () => {
		for (const m of SEED_MEASURES) for (const t of Object.values(m.title)) expect(t).not.toBe('');
		for (const m of SEED_MEETINGS)
			for (const d of m.decisions) for (const t of Object.values(d.text)) expect(t).not.toBe('');
	});

	it('has the meetings’ themes, places, agenda and minutes in all three languages', () => {
		for (const m of SEED_MEETINGS) {
			const texts = [m.title, m.place, ...m.agenda.flatMap((a) => [a.title, a.minutes])];
			for (const text of texts) for (const t of Object.values(text)) expect(t.trim()).not.toBe('');
		}
	});
});
