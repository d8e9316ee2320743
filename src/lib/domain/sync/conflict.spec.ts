import { describe, expect, it } from 'vitest';
import type { Actor } from '../auth';
import { canSeeConflict, resolutionProblem, resolvedFields, type ConflictRecord } from './conflict';

const conflict: ConflictRecord = {
	id: 'c1',
	entity: 'value',
	entityId: 'v1',
	indicatorId: 'ind-h1',
	locationId: 'dist-shaki',
	period: '2026-05',
	cell: 'total',
	fields: ['value'],
	yours: {
		value: 22,
		comment: 'mine',
		by: 'bob',
		at: '2026-05-02T10:00:00Z',
		deviceId: 'tb',
		rev: 4
	},
	theirs: {
		value: 21,
		comment: 'kept',
		by: 'ana',
		at: '2026-05-02T09:00:00Z',
		deviceId: 'ta',
		rev: 5
	},
	createdAt: '2026-05-02T10:01:00Z',
	resolvedAt: null,
	resolvedBy: null,
	resolution: null,
	resolvedValue: null
};

const actor = (role: Actor['role'], userId: string) => ({ role, userId });

describe('canSeeConflict', () => {
	it('shows a conflict to both authors and to coordinators and admins only', () => {
		expect(canSeeConflict(actor('caseworker', 'bob'), conflict)).toBe(true);
		expect(canSeeConflict(actor('caseworker', 'ana'), conflict)).toBe(true);
		expect(canSeeConflict(actor('coordinator', 'zoe'), conflict)).toBe(true);
		expect(canSeeConflict(actor('admin', 'root'), conflict)).toBe(true);
		expect(canSeeConflict(actor('caseworker', 'eve'), conflict)).toBe(false);
		expect(canSeeConflict(actor('member', 'unhcr'), conflict)).toBe(false);
	});
});

describe('resolvedFields', () => {
	const current = { value: 21, comment: 'kept, then noted' };

	it('takes the chosen side for the fields in conflict and keeps the others as they are now', () => {
		expect(resolvedFields(conflict, current, 'yours')).toEqual({
			value: 22,
			comment: 'kept, then noted'
		});
		expect(resolvedFields(conflict, current, 'theirs')).toEqual({
			value: 21,
			comment: 'kept, then noted'
		});
		const both = { ...conflict, fields: ['value', 'comment'] as ConflictRecord['fields'] };
		expect(resolvedFields(both, current, 'yours')).toEqual({ value: 22, comment: 'mine' });
	});

	it('writes the typed number for "other", with the kept comment when the comment clashed', () => {
		expect(resolvedFields(conflict, current, 'other', 30)).toEqual({
			value: 30,
			comment: 'kept, then noted'
		});
		const both = { ...conflict, fields: ['value', 'comment'] as ConflictRecord['fields'] };
		expect(resolvedFields(both, current, 'other', null)).toEqual({ value: null, comment: 'kept' });
	});
});

describe('resolvedFields and the comment language', () => {
	const both = {
		...conflict,
		fields: ['value', 'comment'] as ConflictRecord['fields'],
		yours: { ...conflict.yours, commentLang: 'ru' as const },
		theirs: { ...conflict.theirs, commentLang: 'az' as const }
	};
	const current = { value: 21, comment: 'kept', commentLang: 'az' as const };

	it('carries the language with the comment the resolution keeps', () => {
		expect(resolvedFields(both, current, 'yours').commentLang).toBe('ru');
		expect(resolvedFields(both, current, 'theirs').commentLang).toBe('az');
		expect(resolvedFields(both, current, 'other', 5).commentLang).toBe('az');
	});

	it('leaves the current comment and its language when only the number clashed', () => {
		const valueOnly = { ...both, fields: ['value'] as ConflictRecord['fields'] };
		const typedInEn = { ...current, comment: 'noted', commentLang: 'en' as const };
		expect(resolvedFields(valueOnly, typedInEn, 'yours')).toEqual({
			value: 22,
			comment: 'noted',
			commentLang: 'en'
		});
	});
});

describe('resolutionProblem', () => {
	const mutation = { entityId: 'v1', conflictId: 'c1' };

	it('lets an open conflict be resolved through its own value', () => {
		expect(resolutionProblem(conflict, mutation)).toBeUndefined();
	});

	it('names a missing conflict, a wrong value, and who resolved it already', () => {
		expect(resolutionProblem(undefined, mutation)).toMatch(/^resolves: there is no conflict c1/);
		expect(resolutionProblem(conflict, { ...mutation, entityId: 'v2' })).toMatch(
			/^resolves: conflict c1 is not about value v2/
		);
		const settled = {
			...conflict,
			resolvedAt: '2026-05-03T08:00:00Z',
			resolvedBy: 'zoe',
			resolution: 'theirs' as const
		};
		expect(resolutionProblem(settled, mutation)).toBe(
			'resolves: this conflict was already resolved (theirs) by zoe at 2026-05-03T08:00:00Z; their choice stands'
		);
	});
});
