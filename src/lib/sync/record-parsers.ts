// The schemas of every synced record, apart from the sync engine so that they load only when a
// pulled page or a kept server copy holds a record to check: a start with nothing new to pull
// (most starts) never downloads them, and they are no part of the app shell's first download.
export { parseIndicator, parseIndicatorValue } from '$lib/domain/indicators';
export { parseLocation } from '$lib/domain/location-schema';
export { parseMeasure, parseMeasureNote } from '$lib/domain/measures';
export { parseMeeting } from '$lib/domain/meetings';
export { parseOrganisation } from '$lib/domain/organisations';
export { parseRule } from '$lib/domain/rules/schema';
export { parseSetting } from '$lib/domain/settings';
export { parseConflict } from '$lib/domain/sync/conflict';
