/**
 * Subscriptions at scale, on NATS JetStream and a PostgreSQL server: the stack (subgraphs and
 * relays) in one process, two gateway processes reading the same stream, and 1,000 graphql-ws
 * subscribers (half on each gateway, in two client processes) subscribed to `inspectionFailed`
 * with fields from all four subgraphs. A driver records failed inspections through the real
 * mutation at a steady rate. Prints commit-to-client latency (the event's `time`, set in the
 * committing transaction, to the moment a client parsed the result) p50/p99, deliveries, and
 * each gateway's CPU and memory.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres NATS_URL=nats://127.0.0.1:4222 \
 *     node_modules/.bin/node bench/subscriptions.ts [--subscribers 1000] [--rate 50] [--seconds 60]
 *
 * It creates (and drops) its own database on that server and its own JetStream stream, and writes
 * each process's log to the temporary directory. BENCH_PROFILE=<dir> also writes the CPU profiles
 * of the stack and the gateways there.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import pg from 'pg';
import WebSocket from 'ws';
import { readEventConfig } from '@plantgraph/events';
import { readCommonConfig } from '@plantgraph/platform';
import { decodeCursor } from '../gateway/src/subscriptions/cursor.ts';
import { ms, percentile } from './stats.ts';

const SCRIPT = fileURLToPath(import.meta.url);
const ROOT = fileURLToPath(new URL('../', import.meta.url));

const { values } = parseArgs({
  options: {
    subscribers: { type: 'string', default: '1000' },
    rate: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '60' },
    role: { type: 'string', default: 'main' },
    urls: { type: 'string', default: '' },
    clients: { type: 'string', default: '0' },
  },
});

const SUBSCRIPTION = /* GraphQL */ `
  subscription BenchFailures {
    inspectionFailed {
      cursor
      time
      correlationId
      plant {
        name
      }
      inspection {
        number
        results {
          characteristic {
            code
          }
          measured
          verdict
        }
      }
      lot {
        number
        qualityStatus
        item {
          number
        }
        parents {
          lot {
            number
          }
        }
      }
      order {
        number
        pinnedItemRevision {
          revision
        }
      }
      operation {
        sequence
        status
      }
    }
  }
`;

/** How long the run waits, after the last event, for every subscriber to receive everything. */
const DRAIN_LIMIT_MS = 180_000;

/** Latency histogram: 0.1 ms buckets up to 300 s. */
const BUCKET_MS = 0.1;
const BUCKETS = 3_000_000;

interface ClientReport {
  readonly histogram: [number, number][];
  readonly deliveries: number;
  readonly outOfOrder: number;
  readonly perClient: number[];
  /** Results that came with errors. */
  readonly errors: number;
}

/** The text of a JSON string field in a raw message, found without parsing the whole message. */
function stringField(message: Buffer, field: string): string | null {
  const key = `"${field}":"`;
  const at = message.indexOf(key);
  if (at < 0) return null;
  const from = at + key.length;
  const to = message.indexOf('"', from);
  return to < 0 ? null : message.toString('utf8', from, to);
}

/**
 * A client process: `clients` graphql-transport-ws subscribers over `urls`, reporting latencies
 * when told to stop. The subscribers speak the protocol on raw sockets and read only the fields
 * they measure: a thousand full clients would spend the machine's CPU parsing, not measuring.
 */
async function runClients(): Promise<void> {
  const urls = values.urls.split(',');
  const count = Number(values.clients);
  const histogram = new Uint32Array(BUCKETS);
  const perClient = new Array<number>(count).fill(0);
  const last = new Array<number>(count).fill(0);
  let outOfOrder = 0;
  let deliveries = 0;
  let errors = 0;
  const sockets: WebSocket[] = [];
  for (let i = 0; i < count; i += 1) {
    const url = urls[i % urls.length] ?? '';
    const socket = new WebSocket(url, 'graphql-transport-ws', {
      perMessageDeflate: false,
      skipUTF8Validation: true,
    });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => socket.send(JSON.stringify({ type: 'connection_init' })));
      socket.once('error', reject);
      socket.once('message', () => resolve());
    });
    socket.on('message', (data: Buffer) => {
      const received = Date.now();
      if (data.indexOf('"errors"') >= 0) {
        if (errors < 3) console.error(data.toString('utf8').slice(0, 600));
        errors += 1;
      }
      const time = stringField(data, 'time');
      if (time === null) return;
      const latency = received - Date.parse(time);
      const bucket = Math.min(BUCKETS - 1, Math.max(0, Math.round(latency / BUCKET_MS)));
      histogram[bucket] = (histogram[bucket] ?? 0) + 1;
      deliveries += 1;
      perClient[i] = (perClient[i] ?? 0) + 1;
      const position = decodeCursor(stringField(data, 'cursor') ?? '')?.position ?? 0;
      if (position <= (last[i] ?? 0)) outOfOrder += 1;
      last[i] = position;
    });
    socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: SUBSCRIPTION } }));
  }
  process.send?.({ type: 'ready', subscribed: sockets.length });
  process.on('message', (message) => {
    if (message === 'progress') process.send?.({ type: 'progress', deliveries });
    if (message !== 'stop') return;
    const buckets: [number, number][] = [];
    histogram.forEach((n, index) => {
      if (n > 0) buckets.push([index, n]);
    });
    const report: ClientReport = { histogram: buckets, deliveries, outOfOrder, perClient, errors };
    process.send?.({ type: 'report', report }, () => {
      for (const socket of sockets) socket.terminate();
      process.exit(0);
    });
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Starts a child process and resolves once a JSON log line satisfies `ready`. */
function startProcess(
  args: string[],
  env: Record<string, string>,
  logFile: string,
  ready: (line: Record<string, unknown>) => boolean,
): Promise<{ child: ChildProcess; line: Record<string, unknown> }> {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const log = createWriteStream(logFile);
  return new Promise((resolve, reject) => {
    let buffer = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      log.write(chunk);
      buffer += chunk.toString('utf8');
      let newline = buffer.indexOf('\n');
      while (newline >= 0) {
        const text = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        newline = buffer.indexOf('\n');
        try {
          const line: unknown = JSON.parse(text);
          if (isRecord(line) && ready(line)) resolve({ child, line });
        } catch {
          // Not a log line.
        }
      }
    });
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}`)));
  });
}

/** CPU seconds (user + system) and resident memory of a process, from /proc (Linux). */
async function usageOf(pid: number): Promise<{ cpuSeconds: number; rssMb: number } | null> {
  try {
    const stat = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]?.split(' ') ?? [];
    const ticks = Number(stat[11]) + Number(stat[12]);
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 'NaN');
    return { cpuSeconds: ticks / 100, rssMb: rssKb / 1024 };
  } catch {
    return null;
  }
}

function percentileOf(histogram: Map<number, number>, total: number, p: number): number {
  const rank = Math.ceil((p / 100) * total);
  let seen = 0;
  for (const index of [...histogram.keys()].sort((a, b) => a - b)) {
    seen += histogram.get(index) ?? 0;
    if (seen >= rank) return index * BUCKET_MS;
  }
  return Number.NaN;
}

/** Node flags that write a process's CPU profile to BENCH_PROFILE when it exits. */
const profileFlags = process.env.BENCH_PROFILE
  ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROFILE]
  : [];

async function main(): Promise<void> {
  const subscribers = Number(values.subscribers);
  const rate = Number(values.rate);
  const seconds = Number(values.seconds);
  const common = readCommonConfig(process.env);
  const events = readEventConfig(process.env);
  const nats = events.nats;
  if (common.database.kind !== 'postgres' || nats === null) {
    throw new Error('set DATABASE_URL (a PostgreSQL server) and NATS_URL');
  }
  const id = randomBytes(4).toString('hex');
  const database = `plantgraph_bench_subscriptions_${id}`;
  const admin = new pg.Client({ connectionString: common.database.url });
  await admin.connect();
  await admin.query(`create database ${database}`);
  const url = new URL(common.database.url);
  url.pathname = `/${database}`;
  const stream = `PLANTGRAPH_BENCH_${id}`;
  const eventEnv = {
    NATS_URL: nats.servers.join(','),
    NATS_STREAM: stream,
    NATS_SUBJECT_PREFIX: `plantgraph_bench_${id}`,
  };
  const children: ChildProcess[] = [];
  try {
    console.log(`starting the stack on ${database} and stream ${stream} ...`);
    console.log(`process logs: ${path.join(tmpdir(), `plantgraph-bench-${id}-*.log`)}`);
    const stack = await startProcess(
      [...profileFlags, 'scripts/start.ts'],
      {
        ...eventEnv,
        DATABASE_URL: url.toString(),
        // One process hosts the four subgraphs on one pool (production gives each its own 10).
        DB_POOL_SIZE: process.env.DB_POOL_SIZE ?? '40',
        GATEWAY_PORT: '0',
        ERP_PORT: '0',
        MES_PORT: '0',
        QUALITY_PORT: '0',
        GENEALOGY_PORT: '0',
      },
      path.join(tmpdir(), `plantgraph-bench-${id}-stack.log`),
      (line) => typeof line.msg === 'string' && line.msg.startsWith('ready'),
    );
    children.push(stack.child);
    const stackGateway = String(stack.line.gateway);
    const subgraphs = isRecord(stack.line.subgraphs) ? stack.line.subgraphs : {};
    const gateways: { child: ChildProcess; url: string }[] = [];
    for (let i = 0; i < 2; i += 1) {
      const started = await startProcess(
        [...profileFlags, 'gateway/src/index.ts'],
        {
          ...eventEnv,
          GATEWAY_PORT: '0',
          ERP_URL: String(subgraphs.erp),
          MES_URL: String(subgraphs.mes),
          QUALITY_URL: String(subgraphs.quality),
          GENEALOGY_URL: String(subgraphs.genealogy),
        },
        path.join(tmpdir(), `plantgraph-bench-${id}-gateway-${i + 1}.log`),
        (line) => line.msg === 'gateway listening',
      );
      children.push(started.child);
      gateways.push({ child: started.child, url: String(started.line.url).replace(/^http/, 'ws') });
    }

    // Failed inspections to record: copies of the demo's planned ones, one lane per lot.
    const db = new pg.Client({ connectionString: url.toString() });
    await db.connect();
    const templates = (
      await db.query<{ number: string; lot_id: string }>(
        `select distinct on (lot_id) number, lot_id from quality.inspection
         where status = 'PLANNED' order by lot_id, number`,
      )
    ).rows;
    const total = rate * seconds;
    const perLane = Math.ceil(total / templates.length);
    const lanes: {
      numbers: string[];
      characteristics: { code: string; upper: string | null }[];
    }[] = [];
    for (const template of templates) {
      const prefix = `INS-B${id}-${lanes.length}-`;
      const copies = await db.query<{ number: string }>(
        `insert into quality.inspection
           (id, number, lot_id, order_id, operation_id, type, status, plan_id, created_at)
         select 'ins-' || $1 || g, $1 || lpad(g::text, 5, '0'), lot_id, order_id, operation_id,
           type, 'PLANNED', plan_id, now()
         from quality.inspection, generate_series(1, $2::int) g where number = $3
         returning number`,
        [prefix, perLane, template.number],
      );
      const characteristics = (
        await db.query<{ code: string; upper: string | null }>(
          `select c.code, c.upper_limit::text as upper from quality.inspection i
           join quality.plan_characteristic c on c.plan_id = i.plan_id where i.number = $1`,
          [template.number],
        )
      ).rows;
      lanes.push({ numbers: copies.rows.map((r) => r.number).sort(), characteristics });
    }
    await db.end();

    console.log(`connecting ${subscribers} subscribers over 2 gateways ...`);
    const workers = [0, 1].map(() =>
      fork(SCRIPT, [
        '--role',
        'clients',
        '--clients',
        String(subscribers / 2),
        '--urls',
        gateways.map((g) => g.url).join(','),
      ]),
    );
    children.push(...workers);
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve) =>
            worker.on('message', (m: { type?: string }) => m.type === 'ready' && resolve()),
          ),
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 2000));

    // Commit to JetStream, seen by a plain NATS subscriber: the relay's share of the latency.
    const natsWatch = await connect({ servers: [...nats.servers] });
    const relayLatencies: number[] = [];
    const watch = natsWatch.subscribe(`${eventEnv.NATS_SUBJECT_PREFIX}.*.inspection.failed`, {
      callback: (_error, message) => {
        const event: unknown = message.json();
        if (isRecord(event) && typeof event.time === 'string') {
          relayLatencies.push(Date.now() - Date.parse(event.time));
        }
      },
    });

    console.log(`recording ${rate} failed inspections per second for ${seconds} s ...`);
    const pids = [
      ...gateways.map((g) => g.child.pid ?? 0),
      stack.child.pid ?? 0,
      ...workers.map((w) => w.pid ?? 0),
    ];
    const before = await Promise.all(pids.map(usageOf));
    const peakRss = pids.map(() => 0);
    const sampler = setInterval(async () => {
      const usage = await Promise.all(pids.map(usageOf));
      usage.forEach((u, i) => {
        if (u) peakRss[i] = Math.max(peakRss[i] ?? 0, u.rssMb);
      });
    }, 1000);
    const started = performance.now();
    let sent = 0;
    let failed = 0;
    const pending: Promise<void>[] = [];
    while (sent < total) {
      const due = started + (sent * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const lane = lanes[sent % lanes.length];
      const number = lane?.numbers[Math.floor(sent / lanes.length)];
      sent += 1;
      if (!lane || !number) continue;
      pending.push(
        fetch(stackGateway, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            query: `mutation($input: RecordInspectionResultsInput!) {
              recordInspectionResults(input: $input) { outcome { status } errors { code } } }`,
            variables: {
              input: {
                idempotencyKey: randomUUID(),
                inspectionNumber: number,
                inspectedAt: new Date().toISOString(),
                actor: 'bench',
                results: lane.characteristics.map((c) => ({
                  characteristicCode: c.code,
                  measured: String(Number(c.upper ?? '0') + 1000),
                })),
              },
            },
          }),
        })
          .then(async (response) => {
            const body = await response.text();
            if (!body.includes('"status":"FAILED"')) failed += 1;
          })
          .catch(() => {
            failed += 1;
          }),
      );
    }
    await Promise.all(pending);
    const driving = (performance.now() - started) / 1000;
    // Wait for the backlog, if any, to drain: every subscriber gets every event, late or not.
    const delivered = () =>
      Promise.all(
        workers.map(
          (worker) =>
            new Promise<number>((resolve) => {
              const onMessage = (m: { type?: string; deliveries?: number }) => {
                if (m.type !== 'progress') return;
                worker.off('message', onMessage);
                resolve(m.deliveries ?? 0);
              };
              worker.on('message', onMessage);
              worker.send('progress');
            }),
        ),
      ).then((counts) => counts.reduce((a, b) => a + b, 0));
    const expected = (total - failed) * subscribers;
    const drainUntil = performance.now() + DRAIN_LIMIT_MS;
    while ((await delivered()) < expected && performance.now() < drainUntil) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    const drained = (performance.now() - started) / 1000 - driving;
    clearInterval(sampler);
    const after = await Promise.all(pids.map(usageOf));
    const elapsed = (performance.now() - started) / 1000;

    const reports = await Promise.all(
      workers.map(
        (worker) =>
          new Promise<ClientReport>((resolve) => {
            worker.on('message', (m: { type?: string; report?: ClientReport }) => {
              if (m.type === 'report' && m.report) resolve(m.report);
            });
            worker.send('stop');
          }),
      ),
    );
    const histogram = new Map<number, number>();
    let deliveries = 0;
    let outOfOrder = 0;
    let errors = 0;
    const perClient: number[] = [];
    for (const report of reports) {
      for (const [index, n] of report.histogram) {
        histogram.set(index, (histogram.get(index) ?? 0) + n);
      }
      deliveries += report.deliveries;
      outOfOrder += report.outOfOrder;
      errors += report.errors;
      perClient.push(...report.perClient);
    }
    const recorded = total - failed;
    console.log('');
    console.log(
      `subscriptions on NATS: ${subscribers} subscribers over 2 gateway processes, ` +
        `${rate} failed inspections/s for ${seconds} s (driven in ${driving.toFixed(1)} s, ` +
        `last delivery ${drained.toFixed(1)} s after the last event)`,
    );
    console.log(`  events recorded        ${recorded} (${failed} mutations failed)`);
    console.log(
      `  deliveries             ${deliveries} of ${recorded * subscribers} expected; ` +
        `per subscriber min ${Math.min(...perClient)} max ${Math.max(...perClient)}; ` +
        `out of order or repeated ${outOfOrder}; results with errors ${errors}`,
    );
    console.log(
      `  commit-to-client       p50 ${ms(percentileOf(histogram, deliveries, 50))}   ` +
        `p99 ${ms(percentileOf(histogram, deliveries, 99))}   ` +
        `max ${ms(percentileOf(histogram, deliveries, 100))}`,
    );
    watch.unsubscribe();
    await natsWatch.close();
    console.log(
      `  commit-to-JetStream    p50 ${ms(percentile(relayLatencies, 50))}   ` +
        `p99 ${ms(percentile(relayLatencies, 99))}   (the relay's share, ${relayLatencies.length} events)`,
    );
    pids.forEach((_, i) => {
      const a = before[i];
      const b = after[i];
      const cpu = a && b ? ((b.cpuSeconds - a.cpuSeconds) / elapsed) * 100 : Number.NaN;
      const name =
        i < gateways.length
          ? `gateway ${i + 1}     `
          : i === gateways.length
            ? 'stack (subgraphs)'
            : `clients ${i - gateways.length}     `;
      console.log(
        `  ${name}      CPU ${cpu.toFixed(1)} % of a core (mean over ${elapsed.toFixed(0)} s)   ` +
          `RSS ${b?.rssMb.toFixed(0) ?? '?'} MB at end, peak ${peakRss[i]?.toFixed(0) ?? '?'} MB`,
      );
    });
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 2000));
    await admin.query(`drop database if exists ${database} with (force)`);
    await admin.end();
    const nc = await connect({ servers: [...nats.servers] });
    await (await jetstreamManager(nc)).streams.delete(stream).catch(() => false);
    await nc.close();
  }
}

if (values.role === 'clients') await runClients();
else await main();
