import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Delivery } from './bus.ts';
import type { EventEnvelope } from './envelope.ts';
import type { EventTables } from './event-tables.ts';
import { PermanentEventError, type EventHandler } from './handler.ts';
import { recordDeadLetter } from './dead-letter-record.ts';

/** What applying an event came to. */
export type ApplyOutcome = 'applied' | 'duplicate' | 'stale';

/** Settings of `applyEvent`. */
export interface ApplyOptions {
  readonly log: Logger;
  /** Runs in the same transaction once the outcome is known (replay stamps its dead letter). */
  readonly onSettled?: (trx: Kysely<EventTables>, outcome: ApplyOutcome) => Promise<void>;
}

/**
 * Applies `event` through `handler` in one transaction of the consumer's schema: records it as
 * processed (a second delivery finds the record and does nothing), checks the aggregate version
 * (one not newer than the last applied for the same aggregate is recorded as stale and skipped;
 * gaps are fine, a consumer sees only some types), then runs the handler. Anything thrown rolls
 * all of it back.
 */
export async function applyEvent(
  db: Kysely<EventTables>,
  handler: EventHandler<EventTables>,
  event: EventEnvelope,
  options: ApplyOptions,
): Promise<ApplyOutcome> {
  const { consumer } = handler;
  return db.transaction().execute(async (trx) => {
    const recorded = await trx
      .insertInto('processed_event')
      .values({
        consumer,
        event_id: event.id,
        processed_at: new Date(),
        event_type: event.type,
        source: event.source,
        correlation_id: event.correlationid,
        aggregate_type: event.aggregatetype,
        aggregate_id: event.aggregateid,
        aggregate_version: event.aggregateversion,
        outcome: 'applied',
      })
      .onConflict((oc) => oc.columns(['consumer', 'event_id']).doNothing())
      .returning('event_id')
      .executeTakeFirst();
    if (recorded === undefined) {
      await options.onSettled?.(trx, 'duplicate');
      return 'duplicate';
    }
    // One statement decides: concurrent deliveries of the same aggregate queue on its row.
    const advanced = await trx
      .insertInto('aggregate_position')
      .values({
        consumer,
        aggregate_type: event.aggregatetype,
        aggregate_id: event.aggregateid,
        version: event.aggregateversion,
      })
      .onConflict((oc) =>
        oc
          .columns(['consumer', 'aggregate_type', 'aggregate_id'])
          .doUpdateSet({ version: (eb) => eb.ref('excluded.version') })
          .where('aggregate_position.version', '<', event.aggregateversion),
      )
      .returning('version')
      .executeTakeFirst();
    if (advanced === undefined) {
      await trx
        .updateTable('processed_event')
        .set({ outcome: 'stale' })
        .where('consumer', '=', consumer)
        .where('event_id', '=', event.id)
        .execute();
      const current = await trx
        .selectFrom('aggregate_position')
        .select('version')
        .where('consumer', '=', consumer)
        .where('aggregate_type', '=', event.aggregatetype)
        .where('aggregate_id', '=', event.aggregateid)
        .executeTakeFirst();
      options.log.info(
        {
          eventId: event.id,
          type: event.type,
          aggregate: `${event.aggregatetype}/${event.aggregateid}`,
          version: event.aggregateversion,
          lastApplied: current?.version,
        },
        'stale event skipped: a newer version of its aggregate was applied already',
      );
      await options.onSettled?.(trx, 'stale');
      return 'stale';
    }
    await handler.handle(trx, event);
    await options.onSettled?.(trx, 'applied');
    return 'applied';
  });
}

/** What a consumer runner needs. */
export interface ConsumerRunnerOptions {
  /** The consumer's schema (or the root narrowed to it). */
  readonly db: Kysely<EventTables>;
  readonly handler: EventHandler<EventTables>;
  /** Attempts before an event becomes a dead letter. */
  readonly maxAttempts: number;
  readonly log: Logger;
  /** Called after an event was applied (the handler may have written to the outbox). */
  readonly onApplied?: () => void;
}

/** The most failing events a runner remembers the first failure time of. */
const REMEMBERED_FAILURES = 10_000;

/**
 * The bus callback of one consumer. A failure is thrown back to the bus (which redelivers with
 * back-off) until the last attempt, or at once for a `PermanentEventError`; then the event is
 * written to `dead_letter` with the error, attempts and failure times, and acknowledged. The
 * first failure time is the one this process saw.
 */
export function createConsumerRunner(
  options: ConsumerRunnerOptions,
): (delivery: Delivery) => Promise<void> {
  const { db, handler, maxAttempts } = options;
  const firstFailures = new Map<string, Date>();

  return async ({ event, attempt }) => {
    const log = options.log.child({
      consumer: handler.consumer,
      correlationId: event.correlationid,
      eventId: event.id,
    });
    try {
      const outcome = await applyEvent(db, handler, event, { log });
      firstFailures.delete(event.id);
      if (outcome === 'applied') options.onApplied?.();
      log.debug({ type: event.type, outcome, attempt }, 'event consumed');
    } catch (error) {
      const now = new Date();
      const firstFailedAt = firstFailures.get(event.id) ?? now;
      if (!(error instanceof PermanentEventError) && attempt < maxAttempts) {
        if (!firstFailures.has(event.id)) {
          if (firstFailures.size >= REMEMBERED_FAILURES) {
            const oldest = firstFailures.keys().next();
            if (oldest.done !== true) firstFailures.delete(oldest.value);
          }
          firstFailures.set(event.id, now);
        }
        log.warn(
          { err: error, type: event.type, attempt, maxAttempts },
          'event failed; will retry',
        );
        throw error;
      }
      // If this write fails too, the bus redelivers (it allows a few deliveries more).
      await recordDeadLetter(db, {
        consumer: handler.consumer,
        event,
        error,
        attempts: attempt,
        firstFailedAt,
        lastFailedAt: now,
      });
      firstFailures.delete(event.id);
      log.error({ err: error, type: event.type, attempts: attempt }, 'event dead-lettered');
    }
  };
}
