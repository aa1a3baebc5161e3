import { sql, type ColumnType, type Generated, type Kysely } from 'kysely';

/** One change a mutation made: who, when, under which correlation id and which revisions. */
export interface AuditEntryTable {
  id: Generated<number>;
  occurred_at: Date;
  actor: string;
  correlation_id: string;
  /** The mutation, e.g. `erp.releaseOrder`. */
  operation: string;
  idempotency_key: string;
  aggregate_type: string;
  aggregate_id: string;
  /** The record's revision after the change. */
  aggregate_revision: number;
  /** The master-data revisions the change ran under (item revision, BOM, routing, plan, ...). */
  revisions_in_effect: ColumnType<unknown, string, string>;
  /** The outbox events the change wrote. */
  event_ids: ColumnType<unknown, string, string>;
}

/** The audit table every subgraph with mutations keeps in its schema. */
export type AuditTables = {
  audit_entry: AuditEntryTable;
};

/** What a mutation records about one change. */
export interface AuditEntry {
  readonly actor: string;
  readonly correlationId: string;
  readonly operation: string;
  readonly idempotencyKey: string;
  readonly aggregateType: string;
  readonly aggregateId: string;
  readonly aggregateRevision: number;
  readonly revisionsInEffect: Readonly<Record<string, string | number | null>>;
  readonly eventIds: readonly string[];
  readonly occurredAt?: Date;
}

/** Creates the `audit_entry` table in the schema `db` is scoped to (called from a migration). */
export async function createAuditTable(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('audit_entry')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('correlation_id', 'text', (c) => c.notNull())
    .addColumn('operation', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('aggregate_type', 'text', (c) => c.notNull())
    .addColumn('aggregate_id', 'text', (c) => c.notNull())
    .addColumn('aggregate_revision', 'integer', (c) => c.notNull())
    .addColumn('revisions_in_effect', 'jsonb', (c) => c.notNull())
    .addColumn('event_ids', 'jsonb', (c) => c.notNull())
    .execute();
  // "What happened to this record", newest first.
  await db.schema
    .createIndex('audit_entry_aggregate_idx')
    .on('audit_entry')
    .columns(['aggregate_type', 'aggregate_id', 'id'])
    .execute();
  // The trail of one client request across subgraphs.
  await db.schema
    .createIndex('audit_entry_correlation_idx')
    .on('audit_entry')
    .column('correlation_id')
    .execute();
}

/** Drops the table (a migration's `down`). */
export async function dropAuditTable(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('audit_entry').execute();
}

/** Records changes inside the mutation's transaction, so the trail commits with them. */
export async function recordAudit(
  trx: Kysely<AuditTables>,
  entries: readonly AuditEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  await trx
    .insertInto('audit_entry')
    .values(
      entries.map((entry) => ({
        occurred_at: entry.occurredAt ?? new Date(),
        actor: entry.actor,
        correlation_id: entry.correlationId,
        operation: entry.operation,
        idempotency_key: entry.idempotencyKey,
        aggregate_type: entry.aggregateType,
        aggregate_id: entry.aggregateId,
        aggregate_revision: entry.aggregateRevision,
        revisions_in_effect: JSON.stringify(entry.revisionsInEffect),
        event_ids: JSON.stringify(entry.eventIds),
      })),
    )
    .execute();
}
