/**
 * `npm start`: the whole product in one process on the embedded default (PGlite + in-process
 * services), or on a PostgreSQL server when DATABASE_URL is set. `--reset` wipes the embedded data.
 */
import { createLogger, openDatabase } from '@plantgraph/platform';
import { readStackConfig, startStack } from '@plantgraph/stack';

const reset = process.argv.includes('--reset');
const config = readStackConfig(reset ? { ...process.env, RESET_DATA: 'true' } : process.env);
const log = createLogger('start', config.logLevel);
const started = performance.now();
try {
  const database = await openDatabase(config.database);
  const stack = await startStack({ ...config, database });
  log.info(
    {
      gateway: stack.gateway.url,
      subgraphs: Object.fromEntries(Object.entries(stack.subgraphs).map(([n, s]) => [n, s.url])),
      database:
        config.database.kind === 'pglite' ? (config.database.dataDir ?? 'memory') : 'postgres',
      seconds: Number(((performance.now() - started) / 1000).toFixed(2)),
    },
    `ready: open ${stack.gateway.url} in a browser`,
  );
  const stop = async () => {
    await stack.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  log.fatal({ err: error }, 'start failed');
  process.exit(1);
}
