import type { Kysely } from 'kysely';
import type { RootDatabase } from '@plantgraph/platform';
import { ERP_SCHEMA, type ErpDatabase } from './database.ts';

/** A handle on the erp schema (or a transaction on it). */
export type ErpDb = Kysely<ErpDatabase>;

/** Narrows the process's database to the erp schema. */
export function erpDb(root: Kysely<RootDatabase>): ErpDb {
  return root.withSchema(ERP_SCHEMA).withTables<ErpDatabase>();
}
