import type { Logger } from 'pino';
import type { ConsumerHandle, EventBus } from './bus.ts';
import type { EventConfig } from './config.ts';
import { createConsumerRunner } from './consumer-runner.ts';
import type { EventTables } from './event-tables.ts';
import type { EventHandler } from './handler.ts';
import type { BackboneDatabase } from './leader-lock.ts';
import { startRelay, type Relay } from './relay.ts';
import { unsettledEvents } from './unsettled-events.ts';

/** Deliveries the bus allows beyond the attempts, for a dead-letter write that failed. */
const DEAD_LETTER_HEADROOM = 3;

/** The settings a backbone uses (a subset of `EventConfig`). */
export type BackboneSettings = Pick<
  EventConfig,
  'maxAttempts' | 'backoffMs' | 'relayPollMs' | 'relayBatchSize' | 'relayStandbyMs'
>;

/** One subgraph's part of the event backbone. */
export interface EventBackboneOptions {
  /** The process's database (`DatabaseHandle`): PostgreSQL server or PGlite. */
  readonly database: BackboneDatabase;
  /** The subgraph's PostgreSQL schema: its outbox, processed events and dead letters. */
  readonly schema: string;
  /** The subgraph's CloudEvents source, e.g. `plantgraph/erp` (`sourceOf`). */
  readonly source: string;
  readonly bus: EventBus;
  /** The subgraph's consumers; each runs as a durable consumer of the bus. */
  readonly handlers: readonly EventHandler<EventTables>[];
  readonly log: Logger;
  readonly config: BackboneSettings;
}

/** A running backbone part. */
export interface EventBackbone {
  /** Publish now: call after committing a transaction that wrote to the outbox. */
  wake(): void;
  readonly relay: Relay;
  /** Stops consumers (after the delivery in progress) and the relay; the bus stays open. */
  stop(): Promise<void>;
}

/** The CloudEvents `source` of a subgraph's events. */
export function sourceOf(subgraph: string): string {
  return `plantgraph/${subgraph}`;
}

/**
 * Starts a subgraph's outbox relay and its consumers. Consumers write in the subgraph's own
 * schema; an event they apply may cause events of its own (written to the outbox in the same
 * transaction), which the relay is woken to publish.
 */
export async function startEventBackbone(options: EventBackboneOptions): Promise<EventBackbone> {
  const { database, schema, bus, handlers, config } = options;
  const log = options.log.child({ source: options.source });
  const names = handlers.map((handler) => handler.consumer);
  const repeated = names.find((name, index) => names.indexOf(name) !== index);
  if (repeated !== undefined) throw new Error(`two event handlers are named ${repeated}`);

  const relay = startRelay({
    database,
    schema,
    bus,
    log,
    pollMs: config.relayPollMs,
    batchSize: config.relayBatchSize,
    standbyMs: config.relayStandbyMs,
  });
  const db = database.root.withSchema(schema).withTables<EventTables>();
  const consumers: ConsumerHandle[] = [];
  try {
    for (const handler of handlers) {
      const deliver = createConsumerRunner({
        db,
        handler,
        maxAttempts: config.maxAttempts,
        log,
        onApplied: () => relay.wake(),
      });
      consumers.push(
        await bus.consume(
          handler.consumer,
          handler.types,
          {
            maxAttempts: config.maxAttempts + DEAD_LETTER_HEADROOM,
            backoffMs: config.backoffMs,
            unsettled: () =>
              unsettledEvents(database.root, schema, handler.consumer, handler.types),
          },
          deliver,
        ),
      );
    }
  } catch (error) {
    await Promise.all(consumers.map((consumer) => consumer.stop()));
    await relay.stop();
    throw error;
  }
  log.info({ consumers: names, bus: bus.kind }, 'event backbone started');

  return {
    wake: () => relay.wake(),
    relay,
    async stop() {
      await Promise.all(consumers.map((consumer) => consumer.stop()));
      await relay.stop();
    },
  };
}
