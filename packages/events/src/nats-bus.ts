import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  AckPolicy,
  DeliverPolicy,
  DiscardPolicy,
  jetstream,
  jetstreamManager,
  JetStreamApiCodes,
  JetStreamApiError,
  RetentionPolicy,
  StorageType,
  type ConsumerConfig,
  type JetStreamManager,
  type JsMsg,
  type StreamConfig,
} from '@nats-io/jetstream';
import { connect, headers, nanos, type NatsConnection } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import {
  BusUnavailableError,
  type ConsumeOptions,
  type ConsumerHandle,
  type DeliveryCallback,
  type EventBus,
  type PublishResult,
} from './bus.ts';
import { backoffDelay, type NatsConfig } from './config.ts';
import type { EventEnvelope } from './envelope.ts';
import { parseEnvelope } from './envelope-parse.ts';

/** Settings of the JetStream bus. */
export interface NatsBusOptions {
  readonly nats: NatsConfig;
  /** JetStream's `duplicate_window`: a second publish of an event id within it is dropped. */
  readonly dedupWindowMs: number;
  readonly log: Logger;
  /** Connection name shown by the server (`nats server report connections`). */
  readonly name?: string;
}

/** A delivery not acknowledged within this time (consumer crashed or hung) is redelivered. */
const ACK_WAIT_MS = 30_000;
/** Messages a consumer pulls ahead; each must be handled within ACK_WAIT_MS of its arrival. */
const PULL_BATCH = 32;
const RETRY_MS = 500;

/** A subject token: no dots, wildcards or whitespace. */
function token(value: string | null): string {
  if (value === null || value === '') return '_';
  return value.replace(/[.*>\s]/g, '_');
}

/** `<prefix>.<plant or _>.<event type>`: subscribers can filter by plant, by type or both. */
export function subjectOf(prefix: string, event: EventEnvelope): string {
  return `${prefix}.${token(event.plant)}.${event.type}`;
}

/** A durable name JetStream accepts, stable for a consumer name (dots become underscores). */
export function durableNameOf(consumer: string): string {
  const safe = consumer.replace(/[^A-Za-z0-9_-]/g, '_');
  if (safe === consumer) return consumer;
  return `${safe}_${createHash('sha256').update(consumer).digest('hex').slice(0, 8)}`;
}

function isApiError(error: unknown, code: number): boolean {
  return error instanceof JetStreamApiError && error.code === code;
}

/** True when the server is at least `major.minor`. */
function serverAtLeast(nc: NatsConnection, major: number, minor: number): boolean {
  const [a = 0, b = 0] = (nc.info?.version ?? '0.0').split('.').map(Number);
  return a > major || (a === major && b >= minor);
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new BusUnavailableError(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * NATS JetStream as the bus: one stream holds every event (`<prefix>.>`), each consumer is a
 * durable pull consumer with explicit acks. Publishes carry `Nats-Msg-Id` = event id, so the
 * stream drops a second publish of the same event within its duplicate window. The client
 * connects in the background and reconnects forever: a subgraph starts and keeps serving while
 * the broker is away; its relay keeps events in the outbox until publishing succeeds again.
 *
 * Back-off: a failed delivery is NAKed with the delay of the back-off schedule for its attempt,
 * and `max_deliver` bounds the attempts. The consumer-level `backoff` list is not set: JetStream
 * would also use its first step as the ack wait of every first delivery, redelivering messages
 * that merely wait in the pull buffer.
 */
export class NatsEventBus implements EventBus {
  readonly kind = 'nats';
  readonly #nats: NatsConfig;
  readonly #dedupWindowMs: number;
  readonly #log: Logger;
  readonly #name: string;
  readonly #connection: Promise<NatsConnection>;
  readonly #consumers = new Set<ConsumerHandle>();
  #stream: Promise<void> | null = null;
  #closed = false;

  constructor(options: NatsBusOptions) {
    this.#nats = options.nats;
    this.#dedupWindowMs = options.dedupWindowMs;
    this.#log = options.log.child({ bus: 'nats' });
    this.#name = options.name ?? 'plantgraph';
    this.#connection = this.#connectForever();
    // Nobody may be waiting when the bus closes before it ever connected.
    this.#connection.catch(() => undefined);
    // The stream exists from start, before anything is published (subscribers may wait on it).
    this.#connection.then((nc) => this.#ensureStream(nc)).catch(() => undefined);
  }

  /** Resolves once connected and the stream exists (tests and start-up checks use it). */
  async ready(): Promise<void> {
    await this.#ensureStream(await this.#connection);
  }

  async publish(event: EventEnvelope): Promise<PublishResult> {
    const timeoutMs = this.#nats.publishTimeoutMs;
    const nc = await withTimeout(this.#connection, timeoutMs, 'NATS is not connected');
    await withTimeout(this.#ensureStream(nc), timeoutMs, 'JetStream stream is not ready');
    try {
      const ack = await jetstream(nc, { timeout: timeoutMs }).publish(
        subjectOf(this.#nats.subjectPrefix, event),
        JSON.stringify(event),
        {
          msgID: event.id,
          timeout: timeoutMs,
          headers: (() => {
            const h = headers();
            h.set('content-type', 'application/cloudevents+json');
            h.set('ce-type', event.type);
            return h;
          })(),
        },
      );
      return { duplicate: ack.duplicate };
    } catch (error) {
      // The stream may have gone with the server's storage: check it again next time.
      this.#stream = null;
      throw error;
    }
  }

  async consume(
    consumer: string,
    types: readonly string[],
    options: ConsumeOptions,
    deliver: DeliveryCallback,
  ): Promise<ConsumerHandle> {
    const log = this.#log.child({ consumer });
    const durable = durableNameOf(consumer);
    const wanted = new Set(types);
    let stopped = false;
    let stopCurrent: (() => Promise<void>) | null = null;

    const handleOne = async (message: JsMsg): Promise<void> => {
      let event: EventEnvelope;
      try {
        event = parseEnvelope(message.json());
      } catch (error) {
        log.error({ err: error, subject: message.subject }, 'message is not an event; dropped');
        message.term();
        return;
      }
      // On servers without multi-subject filters the durable sees every type.
      if (!wanted.has(event.type)) {
        message.ack();
        return;
      }
      const attempt = message.info.deliveryCount;
      const working = setInterval(() => message.working(), ACK_WAIT_MS / 3);
      try {
        await deliver({ event, attempt });
        message.ack();
      } catch (error) {
        if (attempt < options.maxAttempts) {
          message.nak(backoffDelay(options.backoffMs, attempt));
        } else {
          log.error(
            { err: error, eventId: event.id, attempts: attempt },
            'event dropped after its last delivery',
          );
          message.term();
        }
      } finally {
        clearInterval(working);
      }
    };

    const loop = async (): Promise<void> => {
      let failures = 0;
      while (!stopped) {
        try {
          const nc = await this.#connection;
          await this.#ensureStream(nc);
          const jsm = await jetstreamManager(nc);
          await this.#ensureConsumer(nc, jsm, durable, consumer, types, options);
          const source = await jetstream(nc).consumers.get(this.#nats.stream, durable);
          const messages = await source.consume({ max_messages: PULL_BATCH });
          stopCurrent = async () => {
            await messages.close();
          };
          if (stopped) await messages.close();
          failures = 0;
          for await (const message of messages) {
            await handleOne(message);
            if (stopped) break;
          }
        } catch (error) {
          if (stopped || this.#closed) break;
          failures += 1;
          if (failures === 1 || failures % 20 === 0) {
            log.warn({ err: error, failures }, 'consumer cannot read from JetStream; retrying');
          }
          await sleep(Math.min(RETRY_MS * failures, 5000));
        }
      }
    };

    const running = loop();
    const handle: ConsumerHandle = {
      stop: async () => {
        stopped = true;
        await stopCurrent?.().catch(() => undefined);
        await running;
        this.#consumers.delete(handle);
      },
    };
    this.#consumers.add(handle);
    return handle;
  }

  async close(): Promise<void> {
    this.#closed = true;
    await Promise.all([...this.#consumers].map((handle) => handle.stop()));
    const nc = await Promise.race([this.#connection.catch(() => null), sleep(0, null)]);
    if (nc) await nc.drain().catch(() => nc.close());
  }

  async #connectForever(): Promise<NatsConnection> {
    let failures = 0;
    while (!this.#closed) {
      try {
        const nc = await connect({
          servers: [...this.#nats.servers],
          name: this.#name,
          // Reconnect forever: the outbox keeps events while the broker is away.
          maxReconnectAttempts: -1,
          reconnectTimeWait: 250,
          pingInterval: 10_000,
        });
        if (this.#closed) {
          await nc.close();
          break;
        }
        this.#watch(nc);
        if (failures > 0) this.#log.info({ servers: this.#nats.servers }, 'NATS connected');
        return nc;
      } catch (error) {
        failures += 1;
        if (failures === 1 || failures % 20 === 0) {
          this.#log.warn({ err: error, failures }, 'NATS unreachable; retrying');
        }
        await sleep(Math.min(250 * failures, 5000));
      }
    }
    throw new BusUnavailableError('the bus is closed');
  }

  #watch(nc: NatsConnection): void {
    void (async () => {
      for await (const status of nc.status()) {
        if (status.type === 'disconnect')
          this.#log.warn({ server: status.server }, 'NATS disconnected');
        if (status.type === 'reconnect')
          this.#log.info({ server: status.server }, 'NATS reconnected');
      }
    })().catch(() => undefined);
  }

  #ensureStream(nc: NatsConnection): Promise<void> {
    if (this.#stream === null) {
      this.#stream = this.#createOrUpdateStream(nc);
      this.#stream.catch(() => {
        this.#stream = null;
      });
    }
    return this.#stream;
  }

  async #createOrUpdateStream(nc: NatsConnection): Promise<void> {
    const jsm = await jetstreamManager(nc);
    const wanted: Partial<StreamConfig> & { name: string } = {
      name: this.#nats.stream,
      subjects: [`${this.#nats.subjectPrefix}.>`],
      storage: StorageType.File,
      retention: RetentionPolicy.Limits,
      discard: DiscardPolicy.Old,
      max_age: nanos(this.#nats.retentionHours * 3_600_000),
      duplicate_window: nanos(this.#dedupWindowMs),
    };
    try {
      const info = await jsm.streams.info(this.#nats.stream);
      const current = info.config;
      if (
        !current.subjects?.includes(`${this.#nats.subjectPrefix}.>`) ||
        current.max_age !== wanted.max_age ||
        current.duplicate_window !== wanted.duplicate_window
      ) {
        await jsm.streams.update(this.#nats.stream, {
          subjects: [...new Set([...(current.subjects ?? []), `${this.#nats.subjectPrefix}.>`])],
          max_age: wanted.max_age,
          duplicate_window: wanted.duplicate_window,
        });
        this.#log.info({ stream: this.#nats.stream }, 'JetStream stream updated');
      }
    } catch (error) {
      if (!isApiError(error, JetStreamApiCodes.StreamNotFound)) throw error;
      await jsm.streams.add(wanted);
      this.#log.info({ stream: this.#nats.stream }, 'JetStream stream created');
    }
  }

  async #ensureConsumer(
    nc: NatsConnection,
    jsm: JetStreamManager,
    durable: string,
    consumer: string,
    types: readonly string[],
    options: ConsumeOptions,
  ): Promise<void> {
    const prefix = this.#nats.subjectPrefix;
    const filters = types.map((type) => `${prefix}.*.${type}`);
    const filter: Partial<ConsumerConfig> =
      filters.length === 1
        ? { filter_subject: filters[0] }
        : serverAtLeast(nc, 2, 10)
          ? { filter_subjects: filters }
          : { filter_subject: `${prefix}.>` };
    const settings: Partial<ConsumerConfig> = {
      description: `plantgraph consumer ${consumer}`,
      ack_wait: nanos(ACK_WAIT_MS),
      max_deliver: options.maxAttempts,
      max_ack_pending: 1000,
      ...filter,
    };
    try {
      const info = await jsm.consumers.info(this.#nats.stream, durable);
      const current = info.config;
      const changed =
        current.max_deliver !== settings.max_deliver ||
        current.ack_wait !== settings.ack_wait ||
        (current.filter_subject ?? '') !== (settings.filter_subject ?? '') ||
        (current.filter_subjects ?? []).join(',') !== (settings.filter_subjects ?? []).join(',');
      if (changed) {
        await jsm.consumers.update(this.#nats.stream, durable, settings);
        this.#log.info({ consumer, durable }, 'JetStream consumer updated');
      }
    } catch (error) {
      if (!isApiError(error, JetStreamApiCodes.ConsumerNotFound)) throw error;
      await jsm.consumers.add(this.#nats.stream, {
        ...settings,
        durable_name: durable,
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.All,
      });
      this.#log.info({ consumer, durable }, 'JetStream consumer created');
    }
  }
}

/** The JetStream bus; it connects in the background. */
export function createNatsBus(options: NatsBusOptions): NatsEventBus {
  return new NatsEventBus(options);
}
