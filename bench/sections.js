// The sections of docs/benchmarks.md: each begins with a "## " heading, the heading names it.

/** @param {string} markdown @param {Date} when */
export function stampSection(markdown, when) {
	const [heading, ...rest] = markdown.split('\n');
	const stamp = `_Measured ${when.toISOString().slice(0, 16).replace('T', ' ')} UTC._`;
	let body = rest;
	while (body[0] === '') body = body.slice(1);
	if (body[0]?.startsWith('_Measured ')) body = body.slice(1);
	while (body[0] === '') body = body.slice(1);
	return [heading, '', stamp, '', ...body].join('\n').trimEnd();
}

/** @param {string} text the whole file */
export function splitSections(text) {
	const parts = text.split(/^(?=## )/m);
	const head = parts[0]?.startsWith('## ') ? '' : (parts.shift() ?? '');
	return { head, sections: parts.map((p) => p.trimEnd()) };
}

/** @param {string} section */
const headingOf = (section) => (section.split('\n', 1)[0] ?? '').trim();

/**
 * The previous sections with each fresh one put in the place of the one of the same heading;
 * fresh sections with a new heading come after.
 * @param {string[]} previous @param {string[]} fresh
 */
export function mergeSections(previous, fresh) {
	const byHeading = new Map(fresh.map((s) => [headingOf(s), s]));
	const merged = previous.map((s) => {
		const next = byHeading.get(headingOf(s));
		byHeading.delete(headingOf(s));
		return next ?? s;
	});
	return [...merged, ...byHeading.values()].map((s) => s + '\n');
}

/**
 * The sections of an earlier file, each stamped: one written before sections carried their own
 * date takes the file's date, so a partial run never makes old figures look new.
 * @param {string} text
 */
export function datedSections(text) {
	const { head, sections } = splitSections(text);
	const date = /^- (?:Date|Written): (\d{4}-\d\d-\d\d \d\d:\d\d) UTC$/m.exec(head)?.[1];
	const when = date ? new Date(`${date.replace(' ', 'T')}:00Z`) : undefined;
	return sections.map((s) =>
		when &&
		!s
			.split('\n')
			.slice(1, 4)
			.some((l) => l.startsWith('_Measured '))
			? stampSection(s, when)
			: s
	);
}
