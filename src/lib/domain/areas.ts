/** The four areas of the Roadmap, in the order the Roadmap lists them. */
export const AREAS = ['housing', 'education', 'labour', 'dialogue'] as const;
export type AreaId = (typeof AREAS)[number];

/** The letter that starts every indicator code of an area (H1, E3, L2, D4). */
export const AREA_PREFIX: Record<AreaId, 'H' | 'E' | 'L' | 'D'> = {
	housing: 'H',
	education: 'E',
	labour: 'L',
	dialogue: 'D'
};

export function isAreaId(value: unknown): value is AreaId {
	return typeof value === 'string' && (AREAS as readonly string[]).includes(value);
}

/** The area an indicator code belongs to, read from its first letter; null for a foreign code. */
export function areaOfCode(code: string): AreaId | null {
	const letter = code.charAt(0).toUpperCase();
	return AREAS.find((area) => AREA_PREFIX[area] === letter) ?? null;
}
