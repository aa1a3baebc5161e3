import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readEventConfig, type NatsConfig } from '@plantgraph/events';
import {
  readCommonConfig,
  readHttpUrl,
  readPort,
  readPositiveInt,
  type CommonConfig,
  type Env,
} from '@plantgraph/platform';
import {
  DEFAULT_SUBSCRIPTION_SETTINGS,
  type SubscriptionSettings,
} from './subscriptions/subscription-settings.ts';

/** Subgraph name → the environment variable that overrides its routing URL. */
const SUBGRAPH_URL_VARIABLES = {
  erp: 'ERP_URL',
  mes: 'MES_URL',
  quality: 'QUALITY_URL',
  genealogy: 'GENEALOGY_URL',
} as const;

export interface GatewayConfig extends CommonConfig {
  readonly port: number;
  /** The composed supergraph the gateway serves (`npm run compose` writes it). */
  readonly supergraphPath: string;
  /** Routing URLs that replace those recorded in the supergraph, by subgraph name. */
  readonly subgraphUrls: Readonly<Partial<Record<string, string>>>;
  /** Limits of subscriptions over WebSocket. */
  readonly subscriptions: SubscriptionSettings;
  /** The JetStream stream subscriptions are served from (`NATS_URL`); null: no subscriptions. */
  readonly nats: NatsConfig | null;
}

/** Reads the limits of subscriptions over WebSocket (also used by the one-process stack). */
export function readSubscriptionSettings(env: Env = process.env): SubscriptionSettings {
  const defaults = DEFAULT_SUBSCRIPTION_SETTINGS;
  return Object.freeze({
    ...defaults,
    initTimeoutMs: readPositiveInt(env, 'SUBSCRIPTION_INIT_TIMEOUT_MS', defaults.initTimeoutMs),
    keepAliveMs: readPositiveInt(env, 'SUBSCRIPTION_KEEPALIVE_MS', defaults.keepAliveMs),
    maxOperations: readPositiveInt(env, 'SUBSCRIPTIONS_PER_CONNECTION', defaults.maxOperations),
    bufferSize: readPositiveInt(env, 'SUBSCRIPTION_BUFFER_SIZE', defaults.bufferSize),
  });
}

const DEFAULT_SUPERGRAPH = fileURLToPath(new URL('../../supergraph.graphql', import.meta.url));

/** Reads the gateway's settings from the environment once; tests pass their own `env`. */
export function readGatewayConfig(
  env: Env = process.env,
  cwd: string = process.cwd(),
): GatewayConfig {
  const subgraphUrls: Record<string, string> = {};
  for (const [name, variable] of Object.entries(SUBGRAPH_URL_VARIABLES)) {
    const url = readHttpUrl(env, variable);
    if (url !== undefined) subgraphUrls[name] = url;
  }
  const supergraph = env.SUPERGRAPH_PATH;
  return Object.freeze({
    ...readCommonConfig(env, cwd),
    port: readPort(env, 'GATEWAY_PORT', 4000),
    supergraphPath:
      supergraph === undefined || supergraph === ''
        ? DEFAULT_SUPERGRAPH
        : path.resolve(cwd, supergraph),
    subgraphUrls: Object.freeze(subgraphUrls),
    subscriptions: readSubscriptionSettings(env),
    nats: readEventConfig(env).nats,
  });
}
