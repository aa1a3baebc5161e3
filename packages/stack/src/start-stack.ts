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
import type { StackPorts } from './config.ts';

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
}

/** The gateway and four subgraphs running in this process over one database. */
export interface RunningStack {
  readonly gateway: RunningHttpService;
  readonly subgraphs: Readonly<Record<SubgraphName, RunningSubgraph>>;
  /** True when this start loaded the demo data. */
  readonly seeded: boolean;
  /** Stops one subgraph (the others and the gateway keep serving). */
  stopSubgraph(name: SubgraphName): Promise<void>;
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

  const subgraphs: Record<SubgraphName, RunningSubgraph> = {
    erp: await STARTERS.erp({
      host,
      port: ports.erp,
      database,
      log: createLogger('erp', logLevel),
    }),
    mes: await STARTERS.mes({
      host,
      port: ports.mes,
      database,
      log: createLogger('mes', logLevel),
    }),
    quality: await STARTERS.quality({
      host,
      port: ports.quality,
      database,
      log: createLogger('quality', logLevel),
    }),
    genealogy: await STARTERS.genealogy({
      host,
      port: ports.genealogy,
      database,
      log: createLogger('genealogy', logLevel),
    }),
  };
  const stopped = new Set<SubgraphName>();
  const gateway = await startGateway({
    host,
    port: ports.gateway,
    supergraphSdl: await readFile(options.supergraphPath, 'utf8'),
    subgraphUrls: Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, subgraphs[name].url])),
    log: createLogger('gateway', logLevel),
  });

  return {
    gateway,
    subgraphs,
    seeded,
    async stopSubgraph(name) {
      if (stopped.has(name)) return;
      stopped.add(name);
      await subgraphs[name].close();
    },
    async close() {
      await gateway.close();
      for (const name of SUBGRAPH_NAMES) {
        if (!stopped.has(name)) await subgraphs[name].close();
      }
    },
  };
}
