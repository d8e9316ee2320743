/**
 * Azerbaijani month names, kept here rather than taken from Intl: several browser builds (among
 * them Debian's Chromium) ship without Azerbaijani locale data and would print "2026 M11".
 */
export const AZ_MONTHS = [
	'yanvar',
	'fevral',
	'mart',
	'aprel',
	'may',
	'iyun',
	'iyul',
	'avqust',
	'sentyabr',
	'oktyabr',
	'noyabr',
	'dekabr'
] as const;

export const AZ_MONTHS_SHORT = [
	'yan',
	'fev',
	'mar',
	'apr',
	'may',
	'iyn',
	'iyl',
	'avq',
	'sen',
	'okt',
	'noy',
	'dek'
] as const;
