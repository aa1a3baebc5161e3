/**
 * Store and forward on the running product (gateway and four subgraphs; NATS JetStream when
 * NATS_URL is set, with a stream of its own): the MES reports completions through the gateway
 * at a steady rate, and the bench prints
 *  - the commit-to-applied latency of `production.completed` → erp's goods receipt, p50/p99;
 *  - the backlog an erp outage builds under the same load, and the time erp takes, once back,
 *    to apply everything that waited (the load goes on meanwhile).
 * Needs DATABASE_URL (a server): it creates a scratch database there and drops it at the end.
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres NATS_URL=nats://127.0.0.1:4222 \
 *     node bench/store-and-forward.ts [--rate 20] [--latency-seconds 20] [--outage-seconds 60]
 */
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { sql } from 'kysely';
import { readEventConfig, type EventConfig } from '@plantgraph/events';
import { readCommonConfig } from '@plantgraph/platform';
import { erpDb } from '../subgraphs/erp/src/db/erp-db.ts';
import { releaseBenchOrders } from './bench-orders.ts';
import { openScratchDatabase } from './scratch-database.ts';
import { startBenchStack } from './bench-stack.ts';
import { ms, percentile } from './stats.ts';

function argument(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at > 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}
const rate = argument('rate', 20);
const latencySeconds = argument('latency-seconds', 20);
const outageSeconds = argument('outage-seconds', 60);
const ORDERS = 16;

const common = readCommonConfig();
if (common.database.kind !== 'postgres') {
  console.error('bench/store-and-forward.ts measures a PostgreSQL server: set DATABASE_URL');
  process.exit(2);
}
const configured = readEventConfig();
const suffix = randomBytes(4).toString('hex');
const events: EventConfig = {
  ...configured,
  nats: configured.nats && {
    ...configured.nats,
    stream: `PLANTGRAPH_BENCH_${suffix}`,
    subjectPrefix: `pgbench${suffix}`,
  },
};
const scratch = await openScratchDatabase(common.database.url, `plantgraph_bench_saf_${suffix}`);
const stack = await startBenchStack(scratch.database, events);
const root = scratch.database.root;

const COMPLETE = /* GraphQL */ `
  mutation ($input: ReportCompletionInput!) {
    reportCompletion(input: $input) {
      errors {
        code
        message
      }
    }
  }
`;

/** Reports completions through the gateway at `rate` per second until stopped. */
function steadyLoad(numbers: readonly string[], phase: string) {
  let sent = 0;
  let failed = 0;
  const inFlight = new Set<Promise<void>>();
  const report = async (i: number) => {
    const response = await fetch(stack.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-correlation-id': `${phase}-${i}` },
      body: JSON.stringify({
        query: COMPLETE,
        variables: {
          input: {
            idempotencyKey: `${phase}-${i}`,
            orderNumber: numbers[i % numbers.length],
            goodQuantity: '1',
            actor: 'bench',
          },
        },
      }),
    });
    const body = (await response.json()) as {
      errors?: unknown[];
      data?: { reportCompletion: { errors: unknown[] } };
    };
    if (body.errors || (body.data?.reportCompletion.errors.length ?? 1) > 0) failed += 1;
  };
  const timer = setInterval(() => {
    const sending = report(sent++).catch(() => {
      failed += 1;
    });
    inFlight.add(sending);
    void sending.finally(() => inFlight.delete(sending));
  }, 1000 / rate);
  return {
    get sent() {
      return sent;
    },
    get failed() {
      return failed;
    },
    async stop() {
      clearInterval(timer);
      await Promise.all(inFlight);
    },
  };
}

/** Completion events of a phase committed by mes and not yet applied by erp's postings. */
async function waiting(phase: string, before: Date | null = null): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from mes.outbox o
    where o.type = 'production.completed' and o.correlation_id like ${`${phase}-%`}
      and (${before}::timestamptz is null or o.occurred_at < ${before})
      and not exists (select 1 from erp.processed_event p
                      where p.consumer = 'erp.goods-postings' and p.event_id = o.id)`.execute(root);
  return rows[0]?.n ?? 0;
}

const sleep = (msToWait: number) => new Promise((resolve) => setTimeout(resolve, msToWait));

try {
  const numbers = await releaseBenchOrders(erpDb(root), ORDERS, 'PO-S');
  for (;;) {
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from mes.order_context where order_number like 'PO-S%'`.execute(
      root,
    );
    if ((rows[0]?.n ?? 0) === ORDERS) break;
    await sleep(100);
  }

  // 1. Latency at a steady load, everything up.
  const warm = steadyLoad(numbers, 'bench-warm');
  await sleep(3000);
  await warm.stop();
  const steady = steadyLoad(numbers, 'bench-latency');
  await sleep(latencySeconds * 1000);
  await steady.stop();
  while ((await waiting('bench-latency')) > 0) await sleep(100);
  const { rows: latencies } = await sql<{ ms: number }>`
    select extract(epoch from (p.processed_at - o.occurred_at)) * 1000 as ms
    from mes.outbox o
    join erp.processed_event p on p.event_id = o.id and p.consumer = 'erp.goods-postings'
    where o.type = 'production.completed' and o.correlation_id like 'bench-latency-%'`.execute(
    root,
  );
  const samples = latencies.map((r) => Number(r.ms));

  // 2. An erp outage under the same load, then the drain once erp is back.
  const load = steadyLoad(numbers, 'bench-outage');
  await sleep(1000);
  await stack.stopSubgraph('erp');
  const outageStarted = performance.now();
  await sleep(outageSeconds * 1000);
  const backAt = new Date();
  const backlog = await waiting('bench-outage', backAt);
  await stack.restartSubgraph('erp');
  const restarted = performance.now();
  while ((await waiting('bench-outage', backAt)) > 0) await sleep(50);
  const drainMs = performance.now() - restarted;
  await load.stop();
  while ((await waiting('bench-outage')) > 0) await sleep(100);

  console.log(
    JSON.stringify(
      {
        bench: 'store and forward: production.completed → erp goods receipt',
        database: 'PostgreSQL server',
        bus: events.nats ? 'NATS JetStream' : 'in-process',
        machine: { cpus: cpus().length, loadavg: loadavg().map((l) => Number(l.toFixed(2))) },
        'mes completions per second (through the gateway)': rate,
        latency: {
          events: samples.length,
          'commit to applied, p50': ms(percentile(samples, 50)),
          'commit to applied, p99': ms(percentile(samples, 99)),
          'failed requests': steady.failed,
        },
        outage: {
          'erp down for': `${((restarted - outageStarted) / 1000).toFixed(1)} s`,
          'events waiting for erp when it came back': backlog,
          'time to apply them all once erp was back': `${(drainMs / 1000).toFixed(2)} s`,
          'drain rate (events/s, with the load going on)': Math.round(
            backlog / Math.max(drainMs / 1000, 0.001),
          ),
          'completions reported during the outage phase': load.sent,
          'failed requests': load.failed,
        },
      },
      null,
      2,
    ),
  );
} finally {
  await stack.close();
  await scratch.drop();
  if (events.nats) {
    const nc = await connect({ servers: [...events.nats.servers] });
    await (await jetstreamManager(nc)).streams.delete(events.nats.stream).catch(() => false);
    await nc.close();
  }
}
