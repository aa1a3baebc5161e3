import { setTimeout as sleep } from 'node:timers/promises';
import { sql, type Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { EventBus } from './bus.ts';
import type { EventTables } from './event-tables.ts';
import {
  BACKGROUND_SQL_MARK,
  whileLeader,
  type BackboneDatabase,
  type Held,
} from './leader-lock.ts';
import { rowToEnvelope } from './outbox.ts';

/** What a relay needs: the subgraph schema whose outbox it drains, and the bus it feeds. */
export interface RelayOptions {
  readonly database: BackboneDatabase;
  readonly schema: string;
  readonly bus: EventBus;
  readonly log: Logger;
  /** How often it looks for events it was not woken for, in milliseconds. */
  readonly pollMs: number;
  /** Outbox rows per round trip. */
  readonly batchSize: number;
  /** How often a standby replica tries to take over, in milliseconds. */
  readonly standbyMs: number;
}

/** A running relay. */
export interface Relay {
  /** Publish now: call after committing a transaction that wrote to the outbox. */
  wake(): void;
  /** True while this relay is the schema's active publisher. */
  readonly active: boolean;
  stop(): Promise<void>;
}

interface BatchOutcome {
  readonly published: number;
  readonly fetched: number;
  readonly busError: unknown;
}

/**
 * Publishes a batch of unpublished rows in `seq` order and marks the published ones. Rows are
 * chosen by `published_at is null`, never by a high-water mark, so a row that commits late
 * with a lower `seq` is still published. Publishes are pipelined; only the unbroken prefix that
 * the bus acknowledged is marked, so nothing overtakes an event that failed.
 */
async function publishBatch(
  outbox: Kysely<EventTables>,
  bus: EventBus,
  batchSize: number,
): Promise<BatchOutcome> {
  const rows = await outbox
    .selectFrom('outbox')
    .selectAll()
    .where('published_at', 'is', null)
    .orderBy('seq')
    .limit(batchSize)
    .modifyEnd(sql.raw(BACKGROUND_SQL_MARK))
    .execute();
  if (rows.length === 0) return { published: 0, fetched: 0, busError: null };
  const results = await Promise.allSettled(rows.map((row) => bus.publish(rowToEnvelope(row))));
  const firstFailure = results.findIndex((result) => result.status === 'rejected');
  const published = firstFailure === -1 ? rows.length : firstFailure;
  if (published > 0) {
    await outbox
      .updateTable('outbox')
      .set({ published_at: new Date() })
      .where(
        'seq',
        'in',
        rows.slice(0, published).map((row) => row.seq),
      )
      .modifyEnd(sql.raw(BACKGROUND_SQL_MARK))
      .execute();
  }
  const failure = results[firstFailure];
  return {
    published,
    fetched: rows.length,
    busError: failure?.status === 'rejected' ? failure.reason : null,
  };
}

/**
 * Starts the outbox relay of one subgraph schema. Among the replicas of a subgraph one relay
 * is active (it holds the schema's advisory lock); the others stand by and take over when it
 * goes. While the bus is down it keeps the events in the outbox and retries; writers are never
 * blocked, as the relay holds no lock on outbox rows.
 */
export function startRelay(options: RelayOptions): Relay {
  const { bus, schema, batchSize } = options;
  const log = options.log.child({ relay: schema });
  let stopped = false;
  const stopping = new AbortController();
  let active = false;
  let woken = false;
  let wakeWaiter: (() => void) | null = null;

  const wake = () => {
    woken = true;
    wakeWaiter?.();
  };

  /** Waits `ms`, or less when woken (or stopped). */
  const rest = async (ms: number): Promise<void> => {
    if (woken || stopped) {
      woken = false;
      return;
    }
    const abort = new AbortController();
    wakeWaiter = () => abort.abort();
    await sleep(ms, undefined, { signal: abort.signal }).catch(() => undefined);
    wakeWaiter = null;
    woken = false;
  };

  const outbox = options.database.root.withSchema(schema).withTables<EventTables>();

  const publishWhileActive = async (held: Held): Promise<void> => {
    active = true;
    log.info('relay active');
    let busFailures = 0;
    while (!stopped) {
      if (!held()) throw new Error('the relay lock session ended');
      woken = false;
      const outcome = await publishBatch(outbox, bus, batchSize);
      if (outcome.busError !== null) {
        busFailures += 1;
        if (busFailures === 1 || busFailures % 50 === 0) {
          log.warn(
            { err: outcome.busError, failures: busFailures },
            'bus unavailable; events stay in the outbox',
          );
        }
        // Not cut short by wake(): mutations during an outage must not turn into a retry storm.
        await sleep(Math.min(250 * busFailures, Math.max(options.pollMs, 1000)), undefined, {
          signal: stopping.signal,
        }).catch(() => undefined);
        continue;
      }
      if (busFailures > 0) log.info({ failures: busFailures }, 'bus available again');
      busFailures = 0;
      if (outcome.fetched === batchSize) continue;
      await rest(options.pollMs);
    }
  };

  const run = async (): Promise<void> => {
    let failures = 0;
    while (!stopped) {
      try {
        const led = await whileLeader(options.database, `relay:${schema}`, publishWhileActive);
        if (led) failures = 0;
      } catch (error) {
        failures += 1;
        if (failures === 1 || failures % 20 === 0) {
          log.warn({ err: error, failures }, 'relay failed on the database; retrying');
        }
      } finally {
        active = false;
      }
      if (stopped) break;
      // Standby (or after an error): a wake() does not help here, only time does.
      await sleep(failures > 0 ? Math.min(500 * failures, 5000) : options.standbyMs, undefined, {
        signal: stopping.signal,
      }).catch(() => undefined);
    }
  };

  const running = run();
  return {
    wake,
    get active() {
      return active;
    },
    async stop() {
      stopped = true;
      stopping.abort();
      wake();
      await running;
    },
  };
}
