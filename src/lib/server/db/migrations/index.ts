import { m001Meta } from './001-meta';
import { m002Sync } from './002-sync';
import { m003Auth } from './003-auth';
import { m004ConflictResolution } from './004-conflict-resolution';
import { m005ValueIds } from './005-value-ids';
import { m006Authors } from './006-authors';
import { m009Exchange } from './009-exchange';
import { m010Epoch } from './010-epoch';
import { m011LostDevices } from './011-lost-devices';
import type { Store } from '../store';

/**
 * One entry per schema change, in order. Never edit or reorder a migration that has shipped:
 * databases in the field have already run it; add a new one instead.
 *
 * Each migration holds both dialects because their DDL differs (identity columns, `jsonb` vs
 * `text`, `timestamptz` vs ISO text). Keep the two versions equivalent, so store code written once
 * reads the same rows from either.
 */
export interface Migration {
	id: number;
	name: string;
	sqlite: string;
	postgres: string;
	/**
	 * Data work SQL cannot do alone (ids derived in TypeScript), run after the DDL in the same
	 * transaction, on either store.
	 */
	run?: (tx: Store) => Promise<void>;
}

export const migrations: readonly Migration[] = [
	m001Meta,
	m002Sync,
	m003Auth,
	m004ConflictResolution,
	m005ValueIds,
	m006Authors,
	m009Exchange,
	m010Epoch,
	m011LostDevices
];
