/**
 * p50/p99 of the README's cross-system lot query through the gateway, over 200 runs.
 * Runs on an in-memory PGlite, or on the PostgreSQL database DATABASE_URL names (the demo data
 * is loaded there when it is empty).
 *   node bench/cross-system-query.ts [runs]
 */
import { openDatabase, readCommonConfig } from '@plantgraph/platform';
import { DEMO } from '@plantgraph/seed';
import { EXAMPLES } from '../gateway/src/examples.ts';
import { startBenchStack } from './bench-stack.ts';
import { percentile, ms } from './stats.ts';

const runs = Number(process.argv[2] ?? 200);
const common = readCommonConfig();
const database = await openDatabase(
  common.database.kind === 'pglite'
    ? { kind: 'pglite', dataDir: null, reset: false }
    : common.database,
);
const stack = await startBenchStack(database);
const example = EXAMPLES.find((e) => e.name === 'Lot across systems');
if (!example) throw new Error('the "Lot across systems" example is missing');
const body = JSON.stringify({
  query: example.query,
  variables: { number: DEMO.finishedLotNumber, asOf: DEMO.dateBetweenRevisions },
});

async function once(): Promise<number> {
  const started = performance.now();
  const response = await fetch(stack.gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  const result = (await response.json()) as { errors?: unknown };
  if (result.errors) throw new Error(`query failed: ${JSON.stringify(result.errors)}`);
  return performance.now() - started;
}

for (let i = 0; i < 20; i += 1) await once();
const samples: number[] = [];
for (let i = 0; i < runs; i += 1) samples.push(await once());
console.log(
  JSON.stringify({
    bench: 'cross-system lot query through the gateway',
    database: database.kind,
    runs,
    p50: ms(percentile(samples, 50)),
    p99: ms(percentile(samples, 99)),
    max: ms(Math.max(...samples)),
  }),
);
await stack.close();
await database.close();
