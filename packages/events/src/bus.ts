import type { EventEnvelope } from './envelope.ts';

/** One delivery of an event to a consumer. */
export interface Delivery {
  readonly event: EventEnvelope;
  /** 1 for the first delivery, 2 for the first redelivery, and so on. */
  readonly attempt: number;
}

/**
 * Handles one delivery. Resolving acknowledges the event; throwing hands it back to the bus,
 * which redelivers it after the back-off until the consumer's attempts are used up.
 */
export type DeliveryCallback = (delivery: Delivery) => Promise<void>;

/** How a bus redelivers to one consumer. */
export interface ConsumeOptions {
  /** Deliveries of one event at most (the first included); then the bus gives up on it. */
  readonly maxAttempts: number;
  /** Wait before each redelivery after a failed one; the last value repeats. */
  readonly backoffMs: readonly number[];
  /**
   * The events published before this process started that the consumer has not settled. A bus
   * that keeps nothing across restarts (the in-process one) delivers them first when it starts
   * the durable consumer; JetStream keeps each durable consumer's position itself and ignores it.
   */
  readonly unsettled?: () => Promise<readonly EventEnvelope[]>;
}

/** A running consumer; `stop` waits for the delivery in progress, if any. */
export interface ConsumerHandle {
  stop(): Promise<void>;
}

/** What became of a publish. */
export interface PublishResult {
  /** True when the bus already had an event with this id (inside its dedup window). */
  readonly duplicate: boolean;
}

/**
 * Transport between subgraphs: at-least-once delivery to durable, named consumers. The outbox is
 * the source of truth; a bus only carries events, deduplicating publishes by event id.
 */
export interface EventBus {
  readonly kind: 'memory' | 'nats';
  /** Publishes one event; resolves once the bus has stored it. Idempotent by `event.id`. */
  publish(event: EventEnvelope): Promise<PublishResult>;
  /**
   * Starts (or resumes) the durable consumer `consumer`: events of `types` published before and
   * after this call are delivered, one at a time, to `deliver`. Several calls with the same name
   * share its events (replicas of one consumer).
   */
  consume(
    consumer: string,
    types: readonly string[],
    options: ConsumeOptions,
    deliver: DeliveryCallback,
  ): Promise<ConsumerHandle>;
  /** Stops every consumer and releases the connection. */
  close(): Promise<void>;
}

/** The bus could not take the event now (broker unreachable, timeout); try again later. */
export class BusUnavailableError extends Error {
  override name = 'BusUnavailableError';
}
