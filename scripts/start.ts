/**
 * `npm start`: the whole product in one process on the embedded default (PGlite + in-process
 * services), or on a PostgreSQL server when DATABASE_URL is set. `--reset` wipes the embedded data.
 */
import { openDatabase, runProcess } from '@plantgraph/platform';
import { readStackConfig, startStack } from '@plantgraph/stack';

const started = performance.now();
await runProcess(
  'plantgraph',
  () => readStackConfig(process.argv.slice(2)),
  async (config, log) => {
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
    return {
      close: async () => {
        await stack.close();
        await database.close();
      },
    };
  },
);
