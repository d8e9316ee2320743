import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { DEVICE_NAME_MAX, DeviceNameSchema, PushRequestSchema } from './protocol';

const push = (deviceName: unknown) => ({
	protocol: 5,
	schema: 11,
	deviceId: 'device-1',
	deviceName,
	mutations: []
});

describe("a push's deviceName", () => {
	it(`takes up to ${DEVICE_NAME_MAX} characters, trimmed`, () => {
		const longest = 'Gəncə ofisi, planşet 2 '.repeat(3).slice(0, DEVICE_NAME_MAX);
		expect(v.parse(PushRequestSchema, push(longest)).deviceName).toBe(longest.trim());
		expect(v.parse(PushRequestSchema, push('  Ganja office tablet 2 ')).deviceName).toBe(
			'Ganja office tablet 2'
		);
		// Spaces around a name do not count against it.
		expect(v.parse(DeviceNameSchema, ` ${'a'.repeat(DEVICE_NAME_MAX)} `)).toHaveLength(60);
	});

	it('refuses a longer one, naming the field and the bound', () => {
		const result = v.safeParse(PushRequestSchema, push('a'.repeat(DEVICE_NAME_MAX + 1)));
		expect(result.success).toBe(false);
		expect(result.issues?.[0]?.message).toBe('deviceName must be at most 60 characters');
		expect(v.safeParse(PushRequestSchema, push(42)).issues?.[0]?.message).toBe(
			'deviceName must be text'
		);
	});

	it('may be left out', () => {
		const { deviceName: _, ...unnamed } = push(undefined);
		expect(v.parse(PushRequestSchema, unnamed)).not.toHaveProperty('deviceName');
	});
});
