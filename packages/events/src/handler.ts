import type { Kysely } from 'kysely';
import type { EventEnvelope } from './envelope.ts';

/**
 * One consumer of business events, owned by a subgraph. The runner calls `handle` inside the
 * consumer's own database transaction, after recording the event as processed (a duplicate is
 * skipped) and checking the aggregate version (an event older than the last one applied for
 * the same aggregate is skipped as stale). Throwing rolls everything back and the event is
 * redelivered with back-off; a `PermanentEventError` goes to dead letters at once.
 */
export interface EventHandler<DB> {
  /** Unique, stable consumer name, e.g. `mes.order-released`; durable consumer and dead-letter key. */
  readonly consumer: string;
  /** Event types it consumes, e.g. `['order.released']`. */
  readonly types: readonly string[];
  handle(trx: Kysely<DB>, event: EventEnvelope): Promise<void>;
}

/** An event this consumer can never apply as it stands (e.g. a posting against a closed order). */
export class PermanentEventError extends Error {
  override name = 'PermanentEventError';
}
