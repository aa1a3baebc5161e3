import type { Kysely } from 'kysely';
import type { RootDatabase } from '@plantgraph/platform';
import { MES_SCHEMA, type MesDatabase } from './database.ts';

/** A handle on the mes schema (or a transaction on it). */
export type MesDb = Kysely<MesDatabase>;

/** Narrows the process's database to the mes schema. */
export function mesDb(root: Kysely<RootDatabase>): MesDb {
  return root.withSchema(MES_SCHEMA).withTables<MesDatabase>();
}
