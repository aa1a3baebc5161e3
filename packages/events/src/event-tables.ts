import type { ColumnType, Generated, Selectable } from 'kysely';
import type { JsonValue } from './envelope.ts';

/** Events committed with the change that caused them, waiting for (or done with) publishing. */
export interface OutboxTable {
  /** Insertion order; the relay publishes by it, and never skips a gap left by a late commit. */
  seq: Generated<number>;
  id: string;
  source: string;
  type: string;
  subject: string;
  aggregate_type: string;
  aggregate_id: string;
  aggregate_version: number;
  plant: string | null;
  data: ColumnType<JsonValue, string, string>;
  correlation_id: string;
  causation_id: string | null;
  occurred_at: Date;
  published_at: Date | null;
}

/** Events a consumer has applied, recorded in the consumer's own transaction. */
export interface ProcessedEventTable {
  consumer: string;
  event_id: string;
  processed_at: Date;
  /** The columns below arrive with `addConsumptionTrail`: what the correlation trail shows. */
  event_type: string;
  source: string;
  correlation_id: string;
  aggregate_type: string;
  aggregate_id: string;
  aggregate_version: number;
  /** `applied`, or `stale` when a newer version of the aggregate had been applied already. */
  outcome: ConsumptionOutcome;
}

/** What a consumer did with an event it recorded. */
export type ConsumptionOutcome = 'applied' | 'stale';

/** The newest aggregate version each consumer applied, to detect out-of-order events. */
export interface AggregatePositionTable {
  consumer: string;
  aggregate_type: string;
  aggregate_id: string;
  version: number;
}

/** Events a consumer gave up on after its attempts, kept for operators to inspect and replay. */
export interface DeadLetterTable {
  id: string;
  consumer: string;
  event_id: string;
  event_type: string;
  correlation_id: string;
  envelope: ColumnType<JsonValue, string, string>;
  error: string;
  attempts: number;
  first_failed_at: Date;
  last_failed_at: Date;
  replayed_at: Date | null;
}

/** The event tables every subgraph schema holds; each subgraph's Database type includes them. */
export type EventTables = {
  outbox: OutboxTable;
  processed_event: ProcessedEventTable;
  aggregate_position: AggregatePositionTable;
  dead_letter: DeadLetterTable;
};

export type OutboxRow = Selectable<OutboxTable>;
export type DeadLetterRow = Selectable<DeadLetterTable>;
export type ProcessedEventRow = Selectable<ProcessedEventTable>;
