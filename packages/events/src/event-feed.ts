import type { EventEnvelope } from './envelope.ts';

/** One event at its place in a feed. */
export interface FeedEntry {
  /** The feed's epoch when the entry was read (see `FeedBounds.epoch`). */
  readonly epoch: string;
  /**
   * Where the event sits in the feed: strictly increasing in publish order (the JetStream stream
   * sequence on NATS, a counter of the in-process ring when embedded).
   */
  readonly position: number;
  readonly event: EventEnvelope;
}

/** What a feed holds now. */
export interface FeedBounds {
  /**
   * Names this feed's history: positions of one epoch never mean another event. A new epoch
   * starts with a new stream (NATS) or a new process (embedded).
   */
  readonly epoch: string;
  /** The oldest position still held; `last + 1` when the feed holds nothing. */
  readonly first: number;
  /** The newest position published so far; 0 before the first event. */
  readonly last: number;
}

/**
 * A read-only tail of every event published on the bus, from a position: what the gateway turns
 * into subscription results. Several readers (gateway processes) each see every event.
 */
export interface EventFeed {
  readonly kind: 'memory' | 'nats';
  /** The feed's epoch and the positions it holds now. */
  bounds(): Promise<FeedBounds>;
  /**
   * Every entry after position `after`, oldest first, then new ones as they are published; it
   * never ends on its own: stop it with `signal` (or by leaving the loop). Fails with
   * `FeedPositionExpiredError` when entries after `after` are no longer held.
   */
  read(after: number, signal: AbortSignal): AsyncIterable<FeedEntry>;
  /** Stops every reader and releases the connection. */
  close(): Promise<void>;
}

/** Entries right after the asked position have left the feed (its retention window). */
export class FeedPositionExpiredError extends Error {
  override name = 'FeedPositionExpiredError';
  /** The oldest position the feed still holds. */
  readonly first: number;
  constructor(after: number, first: number) {
    super(`events after position ${after} are no longer retained (oldest held: ${first})`);
    this.first = first;
  }
}

/** True when a reader asking for entries after `after` would miss events the feed dropped. */
export function isExpired(after: number, bounds: FeedBounds): boolean {
  return after + 1 < bounds.first;
}
