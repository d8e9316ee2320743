import { describe, expect, it } from 'vitest';
import type { Actor } from '$lib/domain/auth';
import {
	canEditCatalogue,
	canEditRoadmap,
	canWriteNotes,
	canManageUsers,
	entryReadOnly,
	inScope,
	placesToUse,
	scopeFirst
} from './permissions';

const places = [
	{ id: 'az', parentId: null },
	{ id: 'reg-ganja-dashkasan', parentId: 'az' },
	{ id: 'dist-ganja', parentId: 'reg-ganja-dashkasan' },
	{ id: 'dist-goygol', parentId: 'reg-ganja-dashkasan' },
	{ id: 'reg-baku', parentId: 'az' },
	{ id: 'dist-sabail', parentId: 'reg-baku' }
];

function actor(role: Actor['role'], locationIds: string[] | null = null): Actor {
	return {
		userId: role,
		username: role,
		name: role,
		organisation: '',
		role,
		language: 'az',
		locationIds
	};
}

describe('roles in the interface', () => {
	it('lets only coordinators change the catalogue and only administrators manage users', () => {
		expect(canEditCatalogue(actor('coordinator'))).toBe(true);
		for (const role of ['admin', 'caseworker', 'member'] as const) {
			expect(canEditCatalogue(actor(role))).toBe(false);
		}
		expect(canManageUsers(actor('admin'))).toBe(true);
		expect(canManageUsers(actor('coordinator'))).toBe(false);
		expect(canManageUsers(null)).toBe(false);
	});

	it('offers measures and meetings to coordinators, and notes on work done to caseworkers too', () => {
		expect(canEditRoadmap(actor('coordinator'))).toBe(true);
		expect(canWriteNotes(actor('coordinator'))).toBe(true);
		expect(canWriteNotes(actor('caseworker'))).toBe(true);
		for (const role of ['admin', 'caseworker', 'member'] as const) {
			expect(canEditRoadmap(actor(role))).toBe(false);
		}
		expect(canWriteNotes(actor('member'))).toBe(false);
		expect(canWriteNotes(actor('admin'))).toBe(false);
		expect(canWriteNotes(null)).toBe(false);
	});

	it("counts a region's districts in a caseworker's scope, and nothing else", () => {
		const worker = actor('caseworker', ['reg-ganja-dashkasan']);
		expect(inScope(worker, 'dist-goygol', places)).toBe(true);
		expect(inScope(worker, 'reg-ganja-dashkasan', places)).toBe(true);
		expect(inScope(worker, 'dist-sabail', places)).toBe(false);
		expect(inScope(worker, 'unknown', places)).toBe(false);
		expect(inScope(actor('coordinator'), 'dist-sabail', places)).toBe(true);
	});

	it('survives a place tree with a cycle', () => {
		const broken = [
			{ id: 'a', parentId: 'b' },
			{ id: 'b', parentId: 'a' }
		];
		expect(inScope(actor('caseworker', ['x']), 'a', broken)).toBe(false);
	});

	it('makes the entry grid read-only for members, administrators and outside a scope', () => {
		const worker = actor('caseworker', ['reg-ganja-dashkasan']);
		expect(entryReadOnly(actor('coordinator'), 'dist-sabail', places)).toBeNull();
		expect(entryReadOnly(worker, 'dist-ganja', places)).toBeNull();
		expect(entryReadOnly(worker, 'dist-sabail', places)).toBe('scope');
		expect(entryReadOnly(actor('member'), 'dist-ganja', places)).toBe('role');
		expect(entryReadOnly(actor('admin'), 'dist-ganja', places)).toBe('role');
		expect(entryReadOnly(null, 'dist-ganja', places)).toBe('role');
	});

	it("lists a caseworker's own places first, keeping the order otherwise", () => {
		const districts = places.filter((p) => p.id.startsWith('dist-'));
		const worker = actor('caseworker', ['reg-baku']);
		expect(scopeFirst(worker, districts, places).map((p) => p.id)).toEqual([
			'dist-sabail',
			'dist-ganja',
			'dist-goygol'
		]);
		expect(scopeFirst(actor('coordinator'), districts, places)).toEqual(districts);
	});

	it('offers a caseworker only their own places to pick, everyone else every place', () => {
		const districts = places.filter((p) => p.id.startsWith('dist-'));
		const worker = actor('caseworker', ['reg-baku']);
		expect(placesToUse(worker, districts, places).map((p) => p.id)).toEqual(['dist-sabail']);
		expect(placesToUse(actor('member'), districts, places)).toEqual(districts);
		expect(placesToUse(actor('coordinator'), districts, places)).toEqual(districts);
	});
});
