import { readFile } from 'node:fs/promises';
import { startErp } from '@plantgraph/erp';
import { startGateway } from '@plantgraph/gateway';
import { startGenealogy } from '@plantgraph/genealogy';
import { startMes } from '@plantgraph/mes';
import {
  createLogger,
  type DatabaseHandle,
  type LogLevel,
  type RunningHttpService,
  type RunningSubgraph,
  type StartSubgraphOptions,
} from '@plantgraph/platform';
import { startQuality } from '@plantgraph/quality';
import { isEmpty, migrateAll, seedDemo } from '@plantgraph/seed';
import {
  createEventBus,
  readEventConfig,
  type EventBus,
  type EventConfig,
  type EventFeed,
} from '@plantgraph/events';
import type { SubscriptionSettings } from '@plantgraph/gateway';
import { DEFAULT_REPLAY_EVENTS, type StackPorts } from './config.ts';
import { subscriptionFeed } from './subscription-feed.ts';

export const SUBGRAPH_NAMES = ['erp', 'mes', 'quality', 'genealogy'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

const STARTERS: Record<SubgraphName, (options: StartSubgraphOptions) => Promise<RunningSubgraph>> =
  {
    erp: startErp,
    mes: startMes,
    quality: startQuality,
    genealogy: startGenealogy,
  };

export interface StackOptions {
  readonly host: string;
  readonly ports: StackPorts;
  readonly database: DatabaseHandle;
  readonly logLevel: LogLevel;
  readonly supergraphPath: string;
  /** Load the demo plant when the database is empty. */
  readonly seedDemo: boolean;
  /** Event backbone settings; default: one in-process bus and the documented defaults. */
  readonly events?: EventConfig;
  /** A bus to use instead of opening one from `events` (the stack does not close it). */
  readonly eventBus?: EventBus;
  /** Limits of subscriptions over WebSocket; default: the gateway's documented defaults. */
  readonly subscriptions?: SubscriptionSettings;
  /** Events the in-process bus keeps for subscribers resuming from a cursor (embedded only). */
  readonly replayEvents?: number;
}

/** The gateway and four subgraphs running in this process over one database. */
export interface RunningStack {
  readonly gateway: RunningHttpService;
  readonly subgraphs: Readonly<Record<SubgraphName, RunningSubgraph>>;
  /** True when this start loaded the demo data. */
  readonly seeded: boolean;
  /** The one bus the four subgraphs publish to and consume from. */
  readonly eventBus: EventBus;
  /** What the gateway serves subscriptions from (more gateways may read it too). */
  readonly eventFeed: EventFeed;
  /** Stops one subgraph (the others and the gateway keep serving). */
  stopSubgraph(name: SubgraphName): Promise<void>;
  /**
   * Starts a stopped subgraph again on its port: its consumers resume where they stopped, and
   * the events that waited for it on the bus are applied.
   */
  restartSubgraph(name: SubgraphName): Promise<void>;
  close(): Promise<void>;
}

/** Migrates, loads the demo data into an empty database, and starts every service. */
export async function startStack(options: StackOptions): Promise<RunningStack> {
  const { database, host, ports, logLevel } = options;
  const log = createLogger('stack', logLevel);
  await migrateAll(database.root);
  let seeded = false;
  if (options.seedDemo && (await isEmpty(database.root))) {
    const started = performance.now();
    await seedDemo(database.root);
    seeded = true;
    log.info({ ms: Math.round(performance.now() - started) }, 'demo data loaded');
  }

  // One bus for the four subgraphs: in-process when embedded, NATS JetStream with NATS_URL.
  const eventConfig = options.events ?? readEventConfig({});
  const { bus: eventBus, feed } = subscriptionFeed(
    options.eventBus ?? createEventBus(eventConfig, log, 'plantgraph-stack'),
    eventConfig,
    options.replayEvents ?? DEFAULT_REPLAY_EVENTS,
    log,
  );
  const events = { eventBus, eventConfig };

  const start = (name: SubgraphName, port: number) =>
    STARTERS[name]({ host, port, database, log: createLogger(name, logLevel), ...events });
  const subgraphs: Record<SubgraphName, RunningSubgraph> = {
    erp: await start('erp', ports.erp),
    mes: await start('mes', ports.mes),
    quality: await start('quality', ports.quality),
    genealogy: await start('genealogy', ports.genealogy),
  };
  const stopped = new Set<SubgraphName>();
  const gateway = await startGateway({
    host,
    port: ports.gateway,
    supergraphSdl: await readFile(options.supergraphPath, 'utf8'),
    subgraphUrls: Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, subgraphs[name].url])),
    log: createLogger('gateway', logLevel),
    events: feed,
    ...(options.subscriptions ? { subscriptions: options.subscriptions } : {}),
  });

  return {
    gateway,
    subgraphs,
    seeded,
    eventBus,
    eventFeed: feed,
    async stopSubgraph(name) {
      if (stopped.has(name)) return;
      stopped.add(name);
      await subgraphs[name].close();
    },
    async restartSubgraph(name) {
      if (!stopped.has(name)) return;
      // The gateway knows the subgraph by its URL: it comes back on the same port.
      subgraphs[name] = await start(name, Number(new URL(subgraphs[name].url).port));
      stopped.delete(name);
    },
    async close() {
      await gateway.close();
      for (const name of SUBGRAPH_NAMES) {
        if (!stopped.has(name)) await subgraphs[name].close();
      }
      await feed.close();
      if (options.eventBus === undefined) await eventBus.close();
    },
  };
}
