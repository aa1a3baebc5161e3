import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { EventEnvelope } from './envelope.ts';
import { errorText } from './error-text.ts';
import type { EventTables } from './event-tables.ts';

/** A consumer giving up on an event. */
export interface DeadLetterRecord {
  readonly consumer: string;
  readonly event: EventEnvelope;
  readonly error: unknown;
  readonly attempts: number;
  readonly firstFailedAt: Date;
  readonly lastFailedAt: Date;
}

/**
 * Writes a dead letter. The same event failing again for the same consumer (delivered anew, or
 * a replay that failed) updates its dead letter: attempts add up, it is open again.
 */
export async function recordDeadLetter(
  db: Kysely<EventTables>,
  record: DeadLetterRecord,
): Promise<void> {
  await db
    .insertInto('dead_letter')
    .values({
      id: randomUUID(),
      consumer: record.consumer,
      event_id: record.event.id,
      event_type: record.event.type,
      correlation_id: record.event.correlationid,
      envelope: JSON.stringify(record.event),
      error: errorText(record.error),
      attempts: record.attempts,
      first_failed_at: record.firstFailedAt,
      last_failed_at: record.lastFailedAt,
      replayed_at: null,
    })
    .onConflict((oc) =>
      oc.columns(['consumer', 'event_id']).doUpdateSet((eb) => ({
        error: eb.ref('excluded.error'),
        attempts: eb('dead_letter.attempts', '+', eb.ref('excluded.attempts')),
        last_failed_at: eb.ref('excluded.last_failed_at'),
        replayed_at: null,
      })),
    )
    .execute();
}
