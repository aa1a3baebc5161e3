import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import {
  readEventConfig,
  type EventBus,
  type EventConfig,
  type NatsConfig,
} from '@plantgraph/events';
import type { SubscriptionSettings } from '@plantgraph/gateway';
import type { RootDatabase } from '@plantgraph/platform';
import { startStack, type RunningStack } from '@plantgraph/stack';
import type { Kysely } from 'kysely';
import { openTestDatabase, type TestDatabase } from './database.ts';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SUPERGRAPH_PATH = path.join(REPO_ROOT, 'supergraph.graphql');

/** The product on free ports over a fresh test database with the demo data, as subscriptions meet it. */
export interface SubscriptionTestStack {
  readonly stack: RunningStack;
  readonly database: TestDatabase;
  readonly gatewayUrl: string;
  readonly root: Kysely<RootDatabase>;
  readonly bus: EventBus;
  /** The JetStream settings of the suite's own stream; null on the in-process bus. */
  readonly nats: NatsConfig | null;
  close(): Promise<void>;
}

/**
 * JetStream settings with a stream and subject prefix of the suite's own, on NATS_URL (default:
 * the server on this machine).
 */
export function natsTestConfig(env: Readonly<Record<string, string | undefined>>): EventConfig {
  const id = randomBytes(4).toString('hex');
  return readEventConfig({
    NATS_URL: env.NATS_URL || 'nats://127.0.0.1:4222',
    NATS_STREAM: `PLANTGRAPH_TEST_${id}`,
    NATS_SUBJECT_PREFIX: `plantgraph_test_${id}`,
    EVENT_RELAY_POLL_MS: '200',
  });
}

/** Deletes the suite's stream (and the consumers on it). */
export async function deleteStream(nats: NatsConfig): Promise<void> {
  const nc = await connect({ servers: [...nats.servers] });
  try {
    const jsm = await jetstreamManager(nc);
    await jsm.streams.delete(nats.stream).catch(() => false);
  } finally {
    await nc.close();
  }
}

export interface SubscriptionStackOptions {
  /** The event backbone; default: the in-process bus. */
  readonly events?: EventConfig;
  readonly subscriptions: SubscriptionSettings;
  /** The embedded retention window, in events. */
  readonly replayEvents?: number;
}

/** Starts the whole product for subscription tests. */
export async function startSubscriptionStack(
  options: SubscriptionStackOptions,
): Promise<SubscriptionTestStack> {
  const database = await openTestDatabase();
  const events = options.events ?? readEventConfig({ EVENT_RELAY_POLL_MS: '200' });
  const stack = await startStack({
    host: '127.0.0.1',
    ports: { gateway: 0, erp: 0, mes: 0, quality: 0, genealogy: 0 },
    database: database.handle,
    logLevel: 'silent',
    supergraphPath: SUPERGRAPH_PATH,
    seedDemo: true,
    events,
    subscriptions: options.subscriptions,
    ...(options.replayEvents === undefined ? {} : { replayEvents: options.replayEvents }),
  });
  return {
    stack,
    database,
    gatewayUrl: stack.gateway.url,
    root: database.handle.root,
    bus: stack.eventBus,
    nats: events.nats,
    close: async () => {
      await stack.close();
      await database.destroy();
      if (events.nats) await deleteStream(events.nats);
    },
  };
}
