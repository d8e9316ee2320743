import type { LocalRule, YolDatabase } from '$lib/db/database';
import { saveParsed, type SaveResult } from '$lib/db/local-save';
import { parseRule, type Rule } from '$lib/domain/rules/schema';

/**
 * A validation rule saved on this device with its outbox entry, checked by the schema the server
 * checks it with; it reaches every other device through sync (the server takes it from the
 * coordinator only).
 */
export function saveRule(
	db: YolDatabase,
	input: unknown,
	by: string,
	now: Date = new Date()
): Promise<SaveResult<LocalRule>> {
	return saveParsed<Rule, LocalRule>(db, 'rule', db.rules, parseRule(input), by, now);
}

/** The rules kept on this device, each parsed: a record from an older app must not break a screen. */
export async function activeRules(db: YolDatabase, indicatorId?: string): Promise<Rule[]> {
	const rows = indicatorId
		? await db.rules.where('indicatorId').equals(indicatorId).toArray()
		: await db.rules.toArray();
	return rows.flatMap((row) => {
		const parsed = parseRule(row);
		return parsed.ok && parsed.value.active ? [parsed.value] : [];
	});
}
