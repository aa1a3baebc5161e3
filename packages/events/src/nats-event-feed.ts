import { setTimeout as sleep } from 'node:timers/promises';
import {
  DeliverPolicy,
  jetstream,
  jetstreamManager,
  JetStreamApiCodes,
  JetStreamApiError,
  type StreamInfo,
} from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import type { NatsConfig } from './config.ts';
import { parseEnvelope } from './envelope-parse.ts';
import {
  FeedPositionExpiredError,
  isExpired,
  type EventFeed,
  type FeedBounds,
  type FeedEntry,
} from './event-feed.ts';

/** Settings of the JetStream feed. */
export interface NatsEventFeedOptions {
  readonly nats: NatsConfig;
  readonly log: Logger;
  /** Connection name shown by the server. */
  readonly name?: string;
}

/** Messages an ordered consumer pulls ahead of the reader. */
const PULL_AHEAD = 256;
/** How often a reader looks again for a stream that does not exist yet. */
const STREAM_WAIT_MS = 1000;

function isStreamNotFound(error: unknown): boolean {
  return error instanceof JetStreamApiError && error.code === JetStreamApiCodes.StreamNotFound;
}

function boundsOf(info: StreamInfo): FeedBounds {
  return { epoch: info.created, first: info.state.first_seq, last: info.state.last_seq };
}

/**
 * The bus's JetStream stream read as a feed: each reader is an ordered (ephemeral, unacknowledged)
 * consumer starting at a stream sequence, and a position is that sequence. The stream's creation
 * time is the epoch; its retention (`EVENT_RETENTION_HOURS`) is the window readers can resume in.
 * Until a publisher creates the stream, readers wait for it and `bounds` reports it empty.
 */
export class NatsEventFeed implements EventFeed {
  readonly kind = 'nats';
  readonly #nats: NatsConfig;
  readonly #log: Logger;
  readonly #connection: Promise<NatsConnection>;
  readonly #stopping = new AbortController();

  constructor(options: NatsEventFeedOptions) {
    this.#nats = options.nats;
    this.#log = options.log.child({ feed: 'nats', stream: options.nats.stream });
    this.#connection = this.#connectForever(options.name ?? 'plantgraph-feed');
    this.#connection.catch(() => undefined);
  }

  async bounds(): Promise<FeedBounds> {
    const info = await this.#streamInfo();
    return info === null ? { epoch: '', first: 1, last: 0 } : boundsOf(info);
  }

  async *read(after: number, signal: AbortSignal): AsyncIterable<FeedEntry> {
    const stop = AbortSignal.any([signal, this.#stopping.signal]);
    const info = await this.#waitForStream(stop);
    if (info === null) return;
    const bounds = boundsOf(info);
    if (isExpired(after, bounds)) throw new FeedPositionExpiredError(after, bounds.first);
    const nc = await this.#connection;
    const consumer = await jetstream(nc).consumers.get(this.#nats.stream, {
      deliver_policy: DeliverPolicy.StartSequence,
      opt_start_seq: after + 1,
    });
    const messages = await consumer.consume({ max_messages: PULL_AHEAD });
    const close = () => void messages.close().catch(() => undefined);
    stop.addEventListener('abort', close, { once: true });
    try {
      let expected = after + 1;
      for await (const message of messages) {
        if (stop.aborted) break;
        const position = message.seq;
        // Retention may have dropped what this reader asked for between the check and the start.
        if (position > expected) {
          const now = await this.bounds();
          if (now.first > expected) throw new FeedPositionExpiredError(expected - 1, now.first);
        }
        expected = position + 1;
        let event;
        try {
          event = parseEnvelope(message.json());
        } catch (error) {
          this.#log.warn({ err: error, position }, 'message is not an event; skipped');
          continue;
        }
        yield { epoch: bounds.epoch, position, event };
      }
    } finally {
      stop.removeEventListener('abort', close);
      await messages.close().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    this.#stopping.abort();
    const nc = await Promise.race([this.#connection.catch(() => null), sleep(0, null)]);
    if (nc) await nc.drain().catch(() => nc.close());
  }

  /** The stream's info, or null while it does not exist. */
  async #streamInfo(): Promise<StreamInfo | null> {
    const jsm = await jetstreamManager(await this.#connection);
    try {
      return await jsm.streams.info(this.#nats.stream);
    } catch (error) {
      if (isStreamNotFound(error)) return null;
      throw error;
    }
  }

  async #waitForStream(signal: AbortSignal): Promise<StreamInfo | null> {
    let logged = false;
    while (!signal.aborted) {
      const info = await this.#streamInfo();
      if (info !== null) return info;
      if (!logged) this.#log.info('waiting for the event stream to be created by a publisher');
      logged = true;
      await sleep(STREAM_WAIT_MS, undefined, { signal }).catch(() => undefined);
    }
    return null;
  }

  async #connectForever(name: string): Promise<NatsConnection> {
    let failures = 0;
    while (!this.#stopping.signal.aborted) {
      try {
        const nc = await connect({
          servers: [...this.#nats.servers],
          name,
          maxReconnectAttempts: -1,
          reconnectTimeWait: 250,
          pingInterval: 10_000,
        });
        if (this.#stopping.signal.aborted) {
          await nc.close();
          break;
        }
        if (failures > 0) this.#log.info('NATS connected');
        return nc;
      } catch (error) {
        failures += 1;
        if (failures === 1 || failures % 20 === 0) {
          this.#log.warn({ err: error, failures }, 'NATS unreachable; retrying');
        }
        await sleep(Math.min(250 * failures, 5000), undefined, {
          signal: this.#stopping.signal,
        }).catch(() => undefined);
      }
    }
    throw new Error('the event feed is closed');
  }
}

/** The JetStream feed; it connects in the background. */
export function createNatsEventFeed(options: NatsEventFeedOptions): NatsEventFeed {
  return new NatsEventFeed(options);
}
