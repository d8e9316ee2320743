/**
 * How the server decides what to do with one mutation against the record it holds. Pure, so the
 * server, the tests and the property-based convergence test share one definition.
 *
 * `fieldRevs` remembers, for each field, the revision and the device that last changed it.
 * A mutation made on base revision B conflicts only when a field it changed was changed after B
 * by ANOTHER device: a device's own later edits (sent before it heard back) never conflict with
 * its earlier ones, and edits to different fields merge.
 */
export interface FieldStamp {
	rev: number;
	deviceId: string;
}

export type FieldRevs = Record<string, FieldStamp>;

export type Decision =
	| { kind: 'create' }
	| { kind: 'apply' }
	| { kind: 'merge'; fields: string[] }
	| { kind: 'conflict'; fields: string[] };

export function decide(
	current: { rev: number; fieldRevs: FieldRevs } | undefined,
	mutation: { baseRev: number; changed: readonly string[]; deviceId: string }
): Decision {
	if (!current) return { kind: 'create' };
	if (mutation.baseRev >= current.rev) return { kind: 'apply' };
	const clashing = mutation.changed.filter((field) => {
		const stamp = current.fieldRevs[field];
		return (
			stamp !== undefined && stamp.rev > mutation.baseRev && stamp.deviceId !== mutation.deviceId
		);
	});
	if (clashing.length > 0) return { kind: 'conflict', fields: clashing };
	return { kind: 'merge', fields: [...mutation.changed] };
}

/** The record's field stamps after `fields` were written at `rev` by `deviceId`. */
export function stampFields(
	fieldRevs: FieldRevs,
	fields: readonly string[],
	rev: number,
	deviceId: string
): FieldRevs {
	const next = { ...fieldRevs };
	for (const field of fields) next[field] = { rev, deviceId };
	return next;
}
