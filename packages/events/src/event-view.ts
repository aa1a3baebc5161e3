import type { EventEnvelope } from './envelope.ts';

/** An event as the operator API shows it (GraphQL `BackboneEvent`): camel case, data as JSON text. */
export interface EventView {
  readonly id: string;
  readonly source: string;
  readonly type: string;
  readonly subject: string;
  readonly time: string;
  readonly correlationId: string;
  readonly causationId: string | null;
  readonly plant: string | null;
  readonly aggregateType: string;
  readonly aggregateId: string;
  readonly aggregateVersion: number;
  readonly data: string;
}

/** The operator view of an envelope. */
export function toEventView(event: EventEnvelope): EventView {
  return {
    id: event.id,
    source: event.source,
    type: event.type,
    subject: event.subject,
    time: event.time,
    correlationId: event.correlationid,
    causationId: event.causationid,
    plant: event.plant,
    aggregateType: event.aggregatetype,
    aggregateId: event.aggregateid,
    aggregateVersion: event.aggregateversion,
    data: JSON.stringify(event.data),
  };
}
