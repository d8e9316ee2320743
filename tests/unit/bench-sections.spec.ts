import { describe, expect, it } from 'vitest';
import { datedSections, mergeSections, splitSections, stampSection } from '../../bench/sections.js';

const file = [
	'# Benchmarks',
	'',
	'- Date: 2026-12-06 19:38 UTC',
	'',
	'## Dashboard',
	'',
	'old dashboard figure',
	'',
	'## Push',
	'',
	'old push figure',
	''
].join('\n');

describe('docs/benchmarks.md sections', () => {
	it('a partial run replaces its own section and keeps the others in place, each dated', () => {
		const fresh = splitSections(
			stampSection('## Dashboard\n\nnew dashboard figure', new Date('2026-12-07T11:00:00Z'))
		).sections;
		const merged = mergeSections(datedSections(file), fresh).join('\n');
		expect(merged).toContain('new dashboard figure');
		expect(merged).not.toContain('old dashboard figure');
		expect(merged).toContain('old push figure');
		expect(merged.indexOf('## Dashboard')).toBeLessThan(merged.indexOf('## Push'));
		expect(merged).toContain('## Dashboard\n\n_Measured 2026-12-07 11:00 UTC._');
		expect(merged).toContain('## Push\n\n_Measured 2026-12-06 19:38 UTC._');
	});

	it('a section never seen before comes after the others', () => {
		const merged = mergeSections(datedSections(file), ['## Field profile\n\nfigure']).join('\n');
		expect(merged.indexOf('## Field profile')).toBeGreaterThan(merged.indexOf('## Push'));
	});

	it('stamping again replaces the old stamp instead of adding a second', () => {
		const once = stampSection('## A\n\nbody', new Date('2026-12-06T10:00:00Z'));
		const twice = stampSection(once, new Date('2026-12-07T10:00:00Z'));
		expect(twice.match(/_Measured /g)).toHaveLength(1);
		expect(twice).toContain('2026-12-07 10:00');
	});
});
