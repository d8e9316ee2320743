// The schemas of the roadmap's records (measures, their notes, meetings, organisations), apart
// from the sync engine so that they load only when a pulled page or a kept server copy holds
// such a record: they are no part of the app shell's first download.
export { parseMeasure, parseMeasureNote } from '$lib/domain/measures';
export { parseMeeting } from '$lib/domain/meetings';
export { parseOrganisation } from '$lib/domain/organisations';
