import type { ParamMatcher } from '@sveltejs/kit';

const AREA_SLUGS = ['housing', 'education', 'labour', 'dialogue'];

export const match: ParamMatcher = (param) => AREA_SLUGS.includes(param);
