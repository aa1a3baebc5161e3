import { PermanentEventError, type EventEnvelope } from '@plantgraph/events';
import { MalformedJsonError } from '@plantgraph/platform';

/** Reads an event's data; a malformed payload can never be applied, so it goes to dead letters. */
export function payloadOf<T>(event: EventEnvelope, read: (data: unknown) => T): T {
  try {
    return read(event.data);
  } catch (error) {
    if (error instanceof MalformedJsonError) {
      throw new PermanentEventError(`${event.type} ${event.id} is malformed: ${error.message}`);
    }
    throw error;
  }
}
