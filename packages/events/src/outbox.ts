import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { EventEnvelope, NewEvent } from './envelope.ts';
import type { EventTables, OutboxRow } from './event-tables.ts';

/**
 * Writes events to the outbox inside the caller's transaction, so they commit (or roll back)
 * with the change that caused them. Returns the envelopes as they will be published.
 */
export async function appendToOutbox(
  // A subgraph's Transaction<DB> is not assignable to Kysely<EventTables>, only to Transaction<…>.
  trx: Kysely<EventTables> | Transaction<EventTables>,
  source: string,
  events: readonly NewEvent[],
  now: Date = new Date(),
): Promise<EventEnvelope[]> {
  if (events.length === 0) return [];
  const rows = events.map((event) => ({
    id: randomUUID(),
    source,
    type: event.type,
    subject: event.subject,
    aggregate_type: event.aggregateType,
    aggregate_id: event.aggregateId,
    aggregate_version: event.aggregateVersion,
    plant: event.plant,
    data: JSON.stringify(event.data),
    correlation_id: event.correlationId,
    causation_id: event.causationId,
    occurred_at: now,
    published_at: null,
  }));
  const inserted = await trx.insertInto('outbox').values(rows).returningAll().execute();
  return inserted.sort((a, b) => a.seq - b.seq).map(rowToEnvelope);
}

/** The envelope of an outbox row. */
export function rowToEnvelope(row: OutboxRow): EventEnvelope {
  return {
    specversion: '1.0',
    id: row.id,
    source: row.source,
    type: row.type,
    subject: row.subject,
    time: row.occurred_at.toISOString(),
    datacontenttype: 'application/json',
    data: row.data,
    correlationid: row.correlation_id,
    causationid: row.causation_id,
    plant: row.plant,
    aggregatetype: row.aggregate_type,
    aggregateid: row.aggregate_id,
    aggregateversion: row.aggregate_version,
  };
}
