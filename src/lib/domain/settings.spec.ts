import { describe, expect, it } from 'vitest';
import { suppressionThreshold } from './dashboard/suppression';
import { parseSetting, SUPPRESSION_SETTING_ID } from './settings';

describe("the working group's settings", () => {
	it('takes a small-count threshold from 1 to 100', () => {
		for (const value of [1, 5, 10, 100]) {
			expect(parseSetting({ id: SUPPRESSION_SETTING_ID, value })).toEqual({
				ok: true,
				value: { id: SUPPRESSION_SETTING_ID, value }
			});
		}
	});

	it('refuses a threshold that is not a whole number from 1 to 100, naming the field', () => {
		for (const value of [0, -3, 101, 2.5, '7', null]) {
			const parsed = parseSetting({ id: SUPPRESSION_SETTING_ID, value });
			expect(parsed.ok, String(value)).toBe(false);
			if (!parsed.ok) {
				expect(parsed.problems[0]).toEqual({
					field: 'value',
					message: 'value must be a whole number from 1 to 100'
				});
			}
		}
	});

	it('refuses a setting it does not know', () => {
		const parsed = parseSetting({ id: 'theme', value: 3 });
		expect(parsed.ok).toBe(false);
		if (!parsed.ok) expect(parsed.problems[0]?.field).toBe('id');
	});

	it('uses 5 until a coordinator sets a threshold', () => {
		expect(suppressionThreshold(undefined)).toBe(5);
		expect(suppressionThreshold({ value: 12 })).toBe(12);
	});
});
