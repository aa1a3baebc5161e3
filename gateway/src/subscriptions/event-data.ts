import type { EventEnvelope, JsonValue } from '@plantgraph/events';

function isJsonObject(value: JsonValue): value is { readonly [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function field(event: EventEnvelope, name: string): JsonValue | undefined {
  return isJsonObject(event.data) ? event.data[name] : undefined;
}

/** A non-empty string field of the event's data, or null. */
export function dataText(event: EventEnvelope, name: string): string | null {
  const value = field(event, name);
  return typeof value === 'string' && value !== '' ? value : null;
}

/** The aggregate id when the event is about an aggregate of `type`, else the data field `name`. */
export function idOf(event: EventEnvelope, aggregateType: string, name: string): string | null {
  return event.aggregatetype === aggregateType ? event.aggregateid : dataText(event, name);
}
