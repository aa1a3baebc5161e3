import type { Kysely } from 'kysely';
import type { RootDatabase } from '@plantgraph/platform';
import { QUALITY_SCHEMA, type QualityDatabase } from './database.ts';

/** A handle on the quality schema (or a transaction on it). */
export type QualityDb = Kysely<QualityDatabase>;

/** Narrows the process's database to the quality schema. */
export function qualityDb(root: Kysely<RootDatabase>): QualityDb {
  return root.withSchema(QUALITY_SCHEMA).withTables<QualityDatabase>();
}
