import type { Kysely } from 'kysely';
import { rowToDeadLetter, type DeadLetter } from './dead-letters.ts';
import type { EventTables } from './event-tables.ts';
import { toEventView, type EventView } from './event-view.ts';
import { rowToEnvelope } from './outbox.ts';

/** An event a subgraph wrote to its outbox (GraphQL `PublishedEvent`). */
export interface PublishedEvent {
  readonly event: EventView;
  /** When the relay handed it to the bus; null while it waits in the outbox. */
  readonly publishedAt: Date | null;
}

/** An event one of the subgraph's consumers recorded (GraphQL `ConsumedEvent`). */
export interface ConsumedEvent {
  readonly consumer: string;
  readonly eventId: string;
  readonly type: string;
  readonly source: string;
  readonly aggregateType: string;
  readonly aggregateId: string;
  readonly aggregateVersion: number;
  /** APPLIED, or STALE when a newer version of the aggregate had been applied already. */
  readonly outcome: 'APPLIED' | 'STALE';
  readonly processedAt: Date;
}

/** What one subgraph schema holds about one correlation id. */
export interface SchemaTrail {
  readonly published: readonly PublishedEvent[];
  readonly consumed: readonly ConsumedEvent[];
  readonly failed: readonly DeadLetter[];
}

/** Events published under `correlationId`, in outbox order. */
export async function publishedUnder(
  db: Kysely<EventTables>,
  correlationId: string,
): Promise<PublishedEvent[]> {
  const rows = await db
    .selectFrom('outbox')
    .selectAll()
    .where('correlation_id', '=', correlationId)
    .orderBy('seq')
    .execute();
  return rows.map((row) => ({
    event: toEventView(rowToEnvelope(row)),
    publishedAt: row.published_at,
  }));
}

/** Events consumed under `correlationId`, in the order they were processed. */
export async function consumedUnder(
  db: Kysely<EventTables>,
  correlationId: string,
): Promise<ConsumedEvent[]> {
  const rows = await db
    .selectFrom('processed_event')
    .selectAll()
    .where('correlation_id', '=', correlationId)
    .orderBy('processed_at')
    .orderBy('consumer')
    .execute();
  return rows.map((row) => ({
    consumer: row.consumer,
    eventId: row.event_id,
    type: row.event_type,
    source: row.source,
    aggregateType: row.aggregate_type,
    aggregateId: row.aggregate_id,
    aggregateVersion: row.aggregate_version,
    outcome: row.outcome === 'stale' ? 'STALE' : 'APPLIED',
    processedAt: row.processed_at,
  }));
}

/** Dead letters under `correlationId` (open and replayed), first failure first. */
export async function failedUnder(
  db: Kysely<EventTables>,
  correlationId: string,
  subgraph: string,
): Promise<DeadLetter[]> {
  const rows = await db
    .selectFrom('dead_letter')
    .selectAll()
    .where('correlation_id', '=', correlationId)
    .orderBy('first_failed_at')
    .orderBy('id')
    .execute();
  return rows.map((row) => rowToDeadLetter(row, subgraph));
}

/** Everything one subgraph schema holds about one correlation id. */
export async function correlationTrail(
  db: Kysely<EventTables>,
  correlationId: string,
  subgraph: string,
): Promise<SchemaTrail> {
  return {
    published: await publishedUnder(db, correlationId),
    consumed: await consumedUnder(db, correlationId),
    failed: await failedUnder(db, correlationId, subgraph),
  };
}

/** Events committed to the outbox and not yet published. */
export async function unpublishedCount(db: Kysely<EventTables>): Promise<number> {
  const row = await db
    .selectFrom('outbox')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('published_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
