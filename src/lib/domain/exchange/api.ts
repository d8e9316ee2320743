import * as v from 'valibot';
import { ExchangeMappingSchema, type ExchangeMapping } from './mapping';

/**
 * GET and PUT /api/exchange/mapping. A save names the version it was edited from
 * (`baseVersion`, 0 for the first): the server refuses it (409, with the mapping as it now
 * stands) when another coordinator saved in between, instead of dropping their rows unseen.
 */
export const MAPPING_PATH = '/api/exchange/mapping';

export interface MappingAnswer {
	mapping: ExchangeMapping;
	/** Saves so far; 0 while nobody has saved one. */
	version: number;
	updatedAt: string | null;
	/** The name of who saved it last. */
	updatedBy: string | null;
}

export const MappingAnswerSchema = v.object({
	mapping: ExchangeMappingSchema,
	version: v.pipe(v.number(), v.integer(), v.minValue(0)),
	updatedAt: v.nullable(v.string()),
	updatedBy: v.nullable(v.string())
});

export interface SaveMappingRequest {
	mapping: ExchangeMapping;
	baseVersion: number;
}

export const BaseVersionSchema = v.pipe(
	v.number('baseVersion must be a number'),
	v.integer('baseVersion must be a whole number'),
	v.safeInteger('baseVersion is too large'),
	v.minValue(0, 'baseVersion must not be negative')
);
