import type { Kysely } from 'kysely';
import type { RootDatabase } from '@plantgraph/platform';
import { GENEALOGY_SCHEMA, type GenealogyDatabase } from './database.ts';

/** A handle on the genealogy schema (or a transaction on it). */
export type GenealogyDb = Kysely<GenealogyDatabase>;

/** Narrows the process's database to the genealogy schema. */
export function genealogyDb(root: Kysely<RootDatabase>): GenealogyDb {
  return root.withSchema(GENEALOGY_SCHEMA).withTables<GenealogyDatabase>();
}
