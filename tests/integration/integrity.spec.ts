import { expect, it, vi } from 'vitest';
import type { Indicator, IndicatorValue } from '../../src/lib/domain/indicators';
import { SEED_INDICATORS } from '../../src/lib/domain/seed/catalogue';
import { generateDemoValues } from '../../src/lib/domain/seed/demo-values';
import { SEED_LOCATIONS } from '../../src/lib/domain/seed/locations';
import { CLIENT_SCHEMA_VERSION, PROTOCOL_VERSION } from '../../src/lib/domain/sync/protocol';
import { UNIT_MAX } from '../../src/lib/domain/units';
import type { Store } from '../../src/lib/server/db/store';
import { apiOn, dumpTables, withAccounts } from '../factories/api';
import { describeStores } from './stores';

/**
 * Holes an outside hostile run found (issue #18): numbers past what JavaScript holds exactly,
 * seqs the server has no answer for, made-up value ids, implausible magnitudes and a pull cursor
 * from the future. Each is refused with the field at fault, and nothing is stored for it.
 */

vi.setConfig({ testTimeout: 120_000 });

const SAMPLE = (() => {
	const value = generateDemoValues({
		locations: SEED_LOCATIONS.filter((l) => l.id === 'dist-ganja'),
		from: '2026-01-01',
		to: '2026-01-31'
	}).find((v) => v.cell === 'total' && v.value !== null);
	if (!value) throw new Error('no sample value');
	return { ...value, comment: '', rev: 0 } as IndicatorValue;
})();

const PUSH = '/api/sync/push';
const VERSIONS = `protocol=${PROTOCOL_VERSION}&schema=${CLIENT_SCHEMA_VERSION}`;

const pushBody = (mutations: unknown[], extra: Record<string, unknown> = {}) => ({
	protocol: PROTOCOL_VERSION,
	schema: CLIENT_SCHEMA_VERSION,
	deviceId: 'coordinator-tablet',
	...extra,
	mutations
});
const put = <T extends { id: string }>(entity: string, data: T, seq: number, baseRev = 0) => ({
	seq,
	mutationId: `m-${seq}-${data.id}`,
	entity,
	entityId: data.id,
	op: 'put',
	baseRev,
	changed: ['value'],
	data
});

interface Answer {
	results: { seq: number; outcome: string; reason?: string }[];
	lastSeq: number;
}

describeStores('integrity of pushed numbers and ids', (db) => {
	async function setUp(store: Store) {
		await withAccounts(store);
		const api = apiOn(store);
		const cookie = await api.signIn('coordinator');
		const push = async (body: unknown) => {
			const response = await api.call('POST', PUSH, { cookie, json: body });
			return {
				status: response.status,
				body: (await response.json()) as Answer & { field?: string; error?: string }
			};
		};
		return { api, cookie, push };
	}

	it('refuses a seq, baseRev or settledThrough past 2^53 with the field, and the device goes on', async () => {
		const store = db().store;
		const { push } = await setUp(store);
		const before = await dumpTables(store);
		for (const [body, field] of [
			[pushBody([put('value', SAMPLE, 1e20)]), 'mutations.0.seq'],
			[pushBody([put('value', SAMPLE, Number.MAX_SAFE_INTEGER + 1)]), 'mutations.0.seq'],
			[pushBody([put('value', SAMPLE, 1, 1e20)]), 'mutations.0.baseRev'],
			[pushBody([put('value', SAMPLE, 1)], { settledThrough: 1e20 }), 'settledThrough']
		] as const) {
			const answer = await push(body);
			expect(answer.status, field).toBe(400);
			expect(answer.body.field, field).toBe(field);
			expect(answer.body.error, field).toMatch(/at most 9007199254740991/);
		}
		expect(await dumpTables(store)).toEqual(before);
		// The device's real changes still apply: nothing moved its counter.
		const real = await push(pushBody([put('value', SAMPLE, 1)]));
		expect(real.body.results).toMatchObject([{ seq: 1, outcome: 'applied' }]);
	});

	it('never calls a seq it has no answer for a duplicate: it refuses it, with the reason', async () => {
		const store = db().store;
		const { push } = await setUp(store);
		const first = await push(pushBody([put('value', SAMPLE, 5)]));
		expect(first.body.results).toMatchObject([{ seq: 5, outcome: 'applied' }]);
		const other = { ...SAMPLE, comment: 'sent with a counter that went backwards' };
		const backwards = await push(pushBody([{ ...put('value', other, 3), changed: ['comment'] }]));
		expect(backwards.status).toBe(200);
		expect(backwards.body.results).toEqual([
			{
				seq: 3,
				outcome: 'rejected',
				resend: true,
				reason: expect.stringMatching(/^seq: 3 .*has no record of it: the change was not applied$/)
			}
		]);
		const stored = await store.get<{ data: string }>(
			`SELECT data FROM records WHERE entity = 'value' AND id = $1`,
			[SAMPLE.id]
		);
		expect(JSON.parse(stored!.data).comment).toBe('');
	});

	it('applies nothing after a seq it has no record of, so the device can send them again in order', async () => {
		const store = db().store;
		const { push } = await setUp(store);
		await push(pushBody([put('value', SAMPLE, 5)]));
		const older = { ...SAMPLE, value: 20 };
		const newer = { ...SAMPLE, value: 21 };
		// Seq 3 was never received; seq 6 is a later edit of the same value.
		const answer = await push(pushBody([put('value', older, 3, 1), put('value', newer, 6, 1)]));
		expect(answer.body.lastSeq).toBe(5);
		expect(answer.body.results).toEqual([
			expect.objectContaining({ seq: 3, outcome: 'rejected', resend: true }),
			{
				seq: 6,
				outcome: 'rejected',
				resend: true,
				reason: 'seq: 6 was not applied: it comes after seq 3, which must be sent again first'
			}
		]);
		const stored = await store.get<{ data: string }>(
			`SELECT data FROM records WHERE entity = 'value' AND id = $1`,
			[SAMPLE.id]
		);
		expect(JSON.parse(stored!.data).value).toBe(SAMPLE.value);
		// Sent again above the last seq, in their order: each applies once, the later one last.
		const again = await push(pushBody([put('value', older, 7, 1), put('value', newer, 8, 1)]));
		expect(again.body.results.map((r) => r.outcome)).toEqual(['applied', 'merged']);
		const after = await store.get<{ data: string }>(
			`SELECT data FROM records WHERE entity = 'value' AND id = $1`,
			[SAMPLE.id]
		);
		expect(JSON.parse(after!.data).value).toBe(21);
	});

	it('refuses a value whose id is not the one its cell derives, naming the field', async () => {
		const store = db().store;
		const { push } = await setUp(store);
		await push(pushBody([put('value', SAMPLE, 1)]));
		const rival = { ...SAMPLE, id: 'made-up-rival-id', value: 7 };
		const answer = await push(pushBody([put('value', rival, 2)]));
		expect(answer.body.results).toEqual([
			{
				seq: 2,
				outcome: 'rejected',
				reason: `id: id must be ${SAMPLE.id}, the id of this indicator, place, period and cell`
			}
		]);
		const live = await store.all(`SELECT id FROM records WHERE entity = 'value' AND deleted = $1`, [
			false
		]);
		expect(live).toEqual([{ id: SAMPLE.id }]);
	});

	it('refuses implausible magnitudes in values, targets, baselines and formula factors', async () => {
		const store = db().store;
		const { push } = await setUp(store);
		const units = new Map(SEED_INDICATORS.map((i) => [i.id, i]));
		const sample = generateDemoValues({
			locations: SEED_LOCATIONS.filter((l) => l.id === 'dist-ganja'),
			from: '2026-01-01',
			to: '2026-12-31'
		}).find((v) => v.cell === 'total' && units.get(v.indicatorId)?.unit === 'count');
		const count = units.get(sample!.indicatorId)!;
		const countValue = { ...sample!, comment: '', rev: 0 } as IndicatorValue;
		const withTarget = (target: number): Indicator => ({
			...count,
			target: { value: target, date: '2030-12-31' }
		});
		const percent = SEED_INDICATORS.find((i) => i.unit === 'percent' && i.formula)!;
		const answers = await push(
			pushBody([
				put('value', { ...countValue, value: 1e20 }, 1),
				put('indicator', withTarget(1e20), 2),
				put('indicator', { ...count, baseline: { value: -5, date: '2020-01-01' } }, 3),
				...(percent
					? [put('indicator', { ...percent, formula: { ...percent.formula!, factor: 1e20 } }, 4)]
					: [])
			])
		);
		const reasons = answers.body.results.map((r) => [r.outcome, r.reason?.split(':')[0]]);
		expect(reasons.slice(0, 3)).toEqual([
			['rejected', 'value'],
			['rejected', 'target'],
			['rejected', 'baseline']
		]);
		expect(answers.body.results[0]?.reason).toContain(`too_large ({"max":${UNIT_MAX.count}})`);
		if (percent)
			expect(answers.body.results[3]).toMatchObject({
				outcome: 'rejected',
				reason: /^formula\.factor: /
			});
		// A count at the bound is still taken.
		const atBound = await push(
			pushBody([put('value', { ...countValue, value: UNIT_MAX.count }, 5)])
		);
		expect(atBound.body.results).toMatchObject([{ outcome: 'applied' }]);
	});

	it('answers a pull cursor past the head 409, naming after, so the device pulls from the start', async () => {
		const store = db().store;
		const { api, cookie, push } = await setUp(store);
		await push(pushBody([put('value', SAMPLE, 1)]));
		const head = await api.call('GET', `/api/sync/pull?after=0&${VERSIONS}`, { cookie });
		const { cursor } = (await head.json()) as { cursor: number };
		const ahead = await api.call('GET', `/api/sync/pull?after=${cursor + 50}&${VERSIONS}`, {
			cookie
		});
		expect(ahead.status).toBe(409);
		expect(await ahead.json()).toEqual({
			error: `after: ${cursor + 50} is past this server's newest change ${cursor}: pull again from the start.`,
			field: 'after'
		});
		const atHead = await api.call('GET', `/api/sync/pull?after=${cursor}&${VERSIONS}`, { cookie });
		expect(atHead.status).toBe(200);
	});
});
