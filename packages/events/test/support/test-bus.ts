import { randomBytes } from 'node:crypto';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { pino } from 'pino';
import {
  BusUnavailableError,
  createMemoryBus,
  createNatsBus,
  readEventConfig,
  type ConsumeOptions,
  type ConsumerHandle,
  type DeliveryCallback,
  type EventBus,
  type EventEnvelope,
  type NatsConfig,
  type PublishResult,
} from '../../src/index.ts';
import { startPrivateNatsServer, type PrivateNatsServer } from './nats-server.ts';

export type BusKind = 'in-process' | 'nats';

/** Both buses, with a name for test titles: every fault test runs on each. */
export const BUS_CASES: readonly (readonly [string, BusKind])[] = [
  ['the in-process bus', 'in-process'],
  ['NATS JetStream', 'nats'],
];

export const silentLog = pino({ level: 'silent' });

/** A bus for one test, with its own JetStream stream and subjects on NATS. */
export interface TestBus {
  readonly bus: EventBus;
  readonly kind: BusKind;
  /** The test's stream and subjects on NATS; null for the in-process bus. */
  readonly nats: NatsConfig | null;
  /** Messages stored in the test's JetStream stream (null for the in-process bus). */
  streamMessages(): Promise<number | null>;
  /** Deletes the test's stream (NATS) and closes the bus. */
  close(): Promise<void>;
}

export interface TestBusOptions {
  /** NATS servers to use instead of the shared (or per-file private) one. */
  readonly servers?: readonly string[];
  readonly dedupWindowMs?: number;
  readonly publishTimeoutMs?: number;
}

let privateServer: Promise<PrivateNatsServer> | null = null;

/**
 * The broker tests use when they do not stop it: the one NATS_URL names (the machine's shared
 * server), or else a private one for this test file.
 */
async function sharedServers(): Promise<readonly string[]> {
  const configured = readEventConfig().nats;
  if (configured !== null) return configured.servers;
  privateServer ??= startPrivateNatsServer();
  return [(await privateServer).url];
}

/** Stops the per-file private broker, if one was started (call in afterAll). */
export async function stopSharedTestNats(): Promise<void> {
  if (privateServer !== null) await (await privateServer).destroy();
  privateServer = null;
}

async function withManager<T>(
  nats: NatsConfig,
  use: (jsm: JetStreamManager) => Promise<T>,
): Promise<T> {
  const nc = await connect({ servers: [...nats.servers], maxReconnectAttempts: 0 });
  try {
    return await use(await jetstreamManager(nc));
  } finally {
    await nc.close();
  }
}

async function deleteStream(nats: NatsConfig): Promise<void> {
  await withManager(nats, (jsm) => jsm.streams.delete(nats.stream).catch(() => false));
}

/** Opens a bus of `kind` for one test. */
export async function openTestBus(kind: BusKind, options: TestBusOptions = {}): Promise<TestBus> {
  const dedupWindowMs = options.dedupWindowMs ?? 60_000;
  if (kind === 'in-process') {
    const bus = createMemoryBus({ dedupWindowMs, log: silentLog });
    return {
      bus,
      kind,
      nats: null,
      streamMessages: async () => null,
      close: () => bus.close(),
    };
  }
  const suffix = randomBytes(4).toString('hex');
  const nats: NatsConfig = {
    servers: options.servers ?? (await sharedServers()),
    stream: `PLANTGRAPH_TEST_${suffix}`,
    subjectPrefix: `pgtest${suffix}`,
    publishTimeoutMs: options.publishTimeoutMs ?? 2000,
    retentionHours: 1,
  };
  const bus = createNatsBus({ nats, dedupWindowMs, log: silentLog, name: `test-${suffix}` });
  await bus.ready();
  return {
    bus,
    kind,
    nats,
    streamMessages: () =>
      withManager(nats, async (jsm) => (await jsm.streams.info(nats.stream)).state.messages),
    close: async () => {
      await bus.close();
      await deleteStream(nats).catch(() => undefined);
    },
  };
}

/**
 * Wraps a bus for a test: publishes fail while `down` is set (an outage of the in-process
 * transport), and every delivery to a consumer is counted by event id.
 */
export class SwitchableBus implements EventBus {
  readonly kind: EventBus['kind'];
  down = false;
  readonly deliveries = new Map<string, number>();
  readonly #inner: EventBus;

  constructor(inner: EventBus) {
    this.#inner = inner;
    this.kind = inner.kind;
  }

  async publish(event: EventEnvelope): Promise<PublishResult> {
    if (this.down) throw new BusUnavailableError('bus switched off by the test');
    return this.#inner.publish(event);
  }

  consume(
    consumer: string,
    types: readonly string[],
    options: ConsumeOptions,
    deliver: DeliveryCallback,
  ): Promise<ConsumerHandle> {
    return this.#inner.consume(consumer, types, options, (delivery) => {
      const id = delivery.event.id;
      this.deliveries.set(id, (this.deliveries.get(id) ?? 0) + 1);
      return deliver(delivery);
    });
  }

  close(): Promise<void> {
    return this.#inner.close();
  }
}

/** Waits until `check` holds (polling), or fails with `what` after `timeoutMs`. */
export async function eventually(
  what: string,
  check: () => Promise<boolean> | boolean,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
