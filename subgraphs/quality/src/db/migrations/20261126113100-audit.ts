import type { Kysely } from 'kysely';
import { createAuditTable, dropAuditTable } from '@plantgraph/platform';

/** The audit trail of quality's mutations: who, when, correlation id, revisions in effect. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await createAuditTable(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await dropAuditTable(db);
}
