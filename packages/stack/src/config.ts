import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  readBoolean,
  readCommonConfig,
  readPort,
  readPositiveInt,
  type CommonConfig,
  type Env,
} from '@plantgraph/platform';
import { readEventConfig, type EventConfig } from '@plantgraph/events';
import { readSubscriptionSettings, type SubscriptionSettings } from '@plantgraph/gateway';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Ports of the services the stack runs. */
export interface StackPorts {
  readonly gateway: number;
  readonly erp: number;
  readonly mes: number;
  readonly quality: number;
  readonly genealogy: number;
}

export interface StackConfig extends CommonConfig {
  readonly ports: StackPorts;
  /** Load the demo plant when the database is empty. */
  readonly seedDemo: boolean;
  readonly supergraphPath: string;
  /** The event backbone: NATS JetStream when NATS_URL is set, else one in-process bus. */
  readonly events: EventConfig;
  /** Limits of subscriptions over WebSocket. */
  readonly subscriptions: SubscriptionSettings;
  /** Events the in-process bus keeps for subscribers resuming from a cursor (embedded only). */
  readonly replayEvents: number;
}

/** The embedded retention window of subscriptions, in events (`SUBSCRIPTION_REPLAY_EVENTS`). */
export const DEFAULT_REPLAY_EVENTS = 10_000;

/**
 * Reads the stack's settings once. `argv` carries the command line of `npm start`: `--reset`
 * means the same as RESET_DATA=true.
 */
export function readStackConfig(argv: readonly string[] = [], env: Env = process.env): StackConfig {
  const common = readCommonConfig(argv.includes('--reset') ? { ...env, RESET_DATA: 'true' } : env);
  return Object.freeze({
    ...common,
    ports: Object.freeze({
      gateway: readPort(env, 'GATEWAY_PORT', 4000),
      erp: readPort(env, 'ERP_PORT', 4001),
      mes: readPort(env, 'MES_PORT', 4002),
      quality: readPort(env, 'QUALITY_PORT', 4003),
      genealogy: readPort(env, 'GENEALOGY_PORT', 4004),
    }),
    seedDemo: readBoolean(env, 'SEED_DEMO', true),
    supergraphPath: path.resolve(REPO_ROOT, env.SUPERGRAPH_PATH || 'supergraph.graphql'),
    events: readEventConfig(env),
    subscriptions: readSubscriptionSettings(env),
    replayEvents: readPositiveInt(env, 'SUBSCRIPTION_REPLAY_EVENTS', DEFAULT_REPLAY_EVENTS),
  });
}
