/** A JSON value, as event data carries it. */
export type JsonValue =
  string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/**
 * A business event as it travels: CloudEvents 1.0 attributes plus the extension attributes
 * every consumer relies on (CloudEvents extension names are lower-case letters and digits).
 */
export interface EventEnvelope {
  readonly specversion: '1.0';
  /** Unique per event; the bus deduplicates on it (`Nats-Msg-Id`), consumers record it. */
  readonly id: string;
  /** The subgraph that wrote the event, e.g. `plantgraph/mes`. */
  readonly source: string;
  /** Business event type, e.g. `production.completed`. */
  readonly type: string;
  /** What the event is about, e.g. the order number. */
  readonly subject: string;
  readonly time: string;
  readonly datacontenttype: 'application/json';
  readonly data: JsonValue;
  readonly correlationid: string;
  /** The id of the event (or request) that caused this one; null for a client request. */
  readonly causationid: string | null;
  /** Plant the event belongs to; null when it is not plant-specific. */
  readonly plant: string | null;
  readonly aggregatetype: string;
  readonly aggregateid: string;
  /** Version of the aggregate after the change; consumers check order per aggregate with it. */
  readonly aggregateversion: number;
}

/** What a transaction says about an event it causes; the outbox adds id, source and time. */
export interface NewEvent {
  readonly type: string;
  readonly subject: string;
  readonly aggregateType: string;
  readonly aggregateId: string;
  readonly aggregateVersion: number;
  readonly plant: string | null;
  readonly data: JsonValue;
  readonly correlationId: string;
  readonly causationId: string | null;
}
