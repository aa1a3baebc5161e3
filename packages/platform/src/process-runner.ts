import { readEventConfig } from '@plantgraph/events';
import { ConfigError, type CommonConfig } from './config.ts';
import { openDatabase } from './database.ts';
import { createLogger } from './logger.ts';
import type { RunningSubgraph, StartSubgraphOptions } from './subgraph-server.ts';

/**
 * Runs a service as this process: reads its configuration, starts it, stops it cleanly on
 * SIGINT or SIGTERM, and exits with status 1 (saying why) when it cannot start. A configuration
 * error is one plain line naming the variable, not a stack trace.
 */
export async function runProcess<C extends CommonConfig>(
  name: string,
  readConfig: () => C,
  start: (config: C, log: ReturnType<typeof createLogger>) => Promise<{ close(): Promise<void> }>,
): Promise<void> {
  let config: C;
  try {
    config = readConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${name}: configuration error: ${error.message}\n`);
    process.exit(1);
  }
  const log = createLogger(name, config.logLevel);
  try {
    const service = await start(config, log);
    const stop = async () => {
      await service.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  } catch (error) {
    log.fatal({ err: error }, `${name} failed to start`);
    process.exit(1);
  }
}

/** Runs one subgraph alone in this process, on the database its configuration names. */
export function runSubgraphProcess<C extends CommonConfig & { readonly port: number }>(
  name: string,
  readConfig: () => C,
  start: (options: StartSubgraphOptions) => Promise<RunningSubgraph>,
): Promise<void> {
  // The event settings (NATS_URL, EVENT_*) are read with the service's own, so a bad value is
  // reported as a configuration error too.
  const readWithEvents = () => ({ ...readConfig(), events: readEventConfig() });
  return runProcess(name, readWithEvents, async (config, log) => {
    if (config.events.nats === null) {
      log.warn('NATS_URL is not set: events only reach consumers in this process');
    }
    const database = await openDatabase(config.database);
    const service = await start({
      host: config.host,
      port: config.port,
      database,
      log,
      eventConfig: config.events,
    });
    return {
      close: async () => {
        await service.close();
        await database.close();
      },
    };
  });
}
