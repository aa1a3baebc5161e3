import { ConfigError, readPositiveInt, type Env } from '@plantgraph/platform/config';

/** Where the bus runs when `NATS_URL` is set. */
export interface NatsConfig {
  /** Servers to connect to (`NATS_URL`, comma-separated for a cluster). */
  readonly servers: readonly string[];
  /** JetStream stream holding every event (`NATS_STREAM`). */
  readonly stream: string;
  /** First subject token: events go to `<prefix>.<plant or _>.<event type>` (`NATS_SUBJECT_PREFIX`). */
  readonly subjectPrefix: string;
  /** How long a publish waits for JetStream's acknowledgement (`NATS_PUBLISH_TIMEOUT_MS`). */
  readonly publishTimeoutMs: number;
  /** How long JetStream keeps events, in hours (`EVENT_RETENTION_HOURS`). */
  readonly retentionHours: number;
}

/** Settings of the event backbone: bus, relay and consumers. */
export interface EventConfig {
  /** NATS JetStream, or null for the in-process bus. */
  readonly nats: NatsConfig | null;
  /** Deliveries of one event to one consumer before it becomes a dead letter (`EVENT_MAX_ATTEMPTS`). */
  readonly maxAttempts: number;
  /** Wait before each redelivery; the last value repeats (`EVENT_BACKOFF_MS`, comma-separated). */
  readonly backoffMs: readonly number[];
  /** How often the relay looks for committed events it was not woken for (`EVENT_RELAY_POLL_MS`). */
  readonly relayPollMs: number;
  /** Outbox rows the relay publishes per round trip (`EVENT_RELAY_BATCH_SIZE`). */
  readonly relayBatchSize: number;
  /** How often a standby relay tries to take over publishing (`EVENT_RELAY_STANDBY_MS`). */
  readonly relayStandbyMs: number;
  /** A second publish of the same event id within this window is dropped (`EVENT_DEDUP_WINDOW_MS`). */
  readonly dedupWindowMs: number;
}

const DEFAULT_BACKOFF_MS = [1000, 5000, 30_000, 120_000];

function readBackoff(env: Env): readonly number[] {
  const raw = env.EVENT_BACKOFF_MS;
  if (raw === undefined || raw.trim() === '') return DEFAULT_BACKOFF_MS;
  const steps = raw.split(',').map((part) => Number(part.trim()));
  if (steps.some((step) => !Number.isInteger(step) || step < 0)) {
    throw new ConfigError(
      `EVENT_BACKOFF_MS must be comma-separated milliseconds such as 1000,5000,30000; got "${raw}"`,
    );
  }
  return Object.freeze(steps);
}

function readServers(raw: string): readonly string[] {
  const servers = raw
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  for (const server of servers) {
    let url: URL;
    try {
      url = new URL(server.includes('://') ? server : `nats://${server}`);
    } catch {
      throw new ConfigError(`NATS_URL must be nats://host:port (comma-separated); got "${raw}"`);
    }
    if (!['nats:', 'tls:', 'ws:', 'wss:'].includes(url.protocol) || url.hostname === '') {
      throw new ConfigError(`NATS_URL must be nats://host:port (comma-separated); got "${raw}"`);
    }
  }
  if (servers.length === 0) throw new ConfigError(`NATS_URL names no server; got "${raw}"`);
  return Object.freeze(servers);
}

function readToken(env: Env, name: string, fallback: string, pattern: RegExp): string {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!pattern.test(raw)) {
    throw new ConfigError(`${name} must match ${pattern.source}; got "${raw}"`);
  }
  return raw;
}

/** Reads the event backbone's settings once; every variable is optional. */
export function readEventConfig(env: Env = process.env): EventConfig {
  const url = env.NATS_URL;
  const nats: NatsConfig | null =
    url === undefined || url.trim() === ''
      ? null
      : Object.freeze({
          servers: readServers(url),
          stream: readToken(env, 'NATS_STREAM', 'PLANTGRAPH_EVENTS', /^[A-Za-z0-9_-]{1,64}$/),
          subjectPrefix: readToken(
            env,
            'NATS_SUBJECT_PREFIX',
            'plantgraph',
            /^[A-Za-z0-9_-]{1,64}$/,
          ),
          publishTimeoutMs: readPositiveInt(env, 'NATS_PUBLISH_TIMEOUT_MS', 5000),
          retentionHours: readPositiveInt(env, 'EVENT_RETENTION_HOURS', 168),
        });
  return Object.freeze({
    nats,
    maxAttempts: readPositiveInt(env, 'EVENT_MAX_ATTEMPTS', 5),
    backoffMs: readBackoff(env),
    relayPollMs: readPositiveInt(env, 'EVENT_RELAY_POLL_MS', 1000),
    relayBatchSize: readPositiveInt(env, 'EVENT_RELAY_BATCH_SIZE', 500),
    relayStandbyMs: readPositiveInt(env, 'EVENT_RELAY_STANDBY_MS', 2000),
    dedupWindowMs: readPositiveInt(env, 'EVENT_DEDUP_WINDOW_MS', 120_000),
  });
}

/** The delay before delivery `attempt + 1` after delivery `attempt` failed (attempts count from 1). */
export function backoffDelay(backoffMs: readonly number[], attempt: number): number {
  if (backoffMs.length === 0) return 0;
  return backoffMs[Math.min(Math.max(attempt, 1), backoffMs.length) - 1] ?? 0;
}
