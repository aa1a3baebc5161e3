/**
 * Outbox relay throughput: commits a backlog of events to an outbox, then times one relay
 * draining it to the bus (read by seq, publish with Nats-Msg-Id, mark published), and a second
 * run where writers commit while the relay publishes (the steady state: end-to-end from commit
 * to acknowledged by JetStream). Prints events/s. Runs on what is configured: set DATABASE_URL
 * and NATS_URL for the PostgreSQL + NATS figure (it uses its own schema and stream, both dropped).
 *   DATABASE_URL=postgres://… NATS_URL=nats://127.0.0.1:4222 node bench/relay-throughput.ts [--events 20000]
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { pino } from 'pino';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import {
  appendToOutbox,
  createEventBus,
  createEventTables,
  readEventConfig,
  startRelay,
  type EventConfig,
  type EventTables,
  type NewEvent,
} from '@plantgraph/events';
import { migrateToLatest, openDatabase, readCommonConfig } from '@plantgraph/platform';

const eventsArg = process.argv.indexOf('--events');
const total = eventsArg > 0 ? Number(process.argv[eventsArg + 1]) : 20_000;
if (!Number.isInteger(total) || total < 1) throw new Error('--events must be a positive integer');

const common = readCommonConfig();
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
const log = pino({ level: 'warn' });
const database = await openDatabase(common.database);
const schema = `bench_relay_${suffix}`;
await migrateToLatest(database.root, schema, { '0001-event-tables': { up: createEventTables } });
const db = database.root.withSchema(schema).withTables<EventTables>();
const bus = createEventBus(events, log, 'relay-bench');

function newEvent(i: number): NewEvent {
  return {
    type: 'bench.happened',
    subject: `thing-${i % 500}`,
    aggregateType: 'thing',
    aggregateId: `thing-${i % 500}`,
    aggregateVersion: Math.floor(i / 500) + 1,
    plant: 'HH01',
    data: { i, note: 'a payload of a realistic size for a business event', qty: '12.500' },
    correlationId: `bench-${Math.floor(i / 10)}`,
    causationId: null,
  };
}

/** Commits `count` events from `from`, `perTransaction` per transaction. */
async function commit(from: number, count: number, perTransaction: number): Promise<void> {
  for (let i = from; i < from + count; i += perTransaction) {
    const n = Math.min(perTransaction, from + count - i);
    await db.transaction().execute((trx) =>
      appendToOutbox(
        trx,
        'plantgraph/bench',
        Array.from({ length: n }, (_, k) => newEvent(i + k)),
      ),
    );
  }
}

async function unpublished(): Promise<number> {
  const row = await db
    .selectFrom('outbox')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('published_at', 'is', null)
    .executeTakeFirstOrThrow();
  return row.n;
}

async function drained(): Promise<void> {
  while ((await unpublished()) > 0) await new Promise((resolve) => setTimeout(resolve, 20));
}

function relay() {
  return startRelay({
    database,
    schema,
    bus,
    log,
    pollMs: 50,
    batchSize: events.relayBatchSize,
    standbyMs: 100,
  });
}

const results: Record<string, unknown> = {
  bench: 'outbox relay throughput',
  database: common.database.kind === 'postgres' ? 'PostgreSQL server' : 'PGlite (in-process)',
  bus: events.nats ? `NATS JetStream (${events.nats.servers.join(',')})` : 'in-process',
  batchSize: events.relayBatchSize,
  events: total,
};
try {
  // Warm-up: connection, stream creation, JIT.
  await commit(0, 500, 100);
  let warm = relay();
  await drained();
  await warm.stop();

  // 1. A committed backlog, drained by one relay.
  await commit(500, total, 500);
  const backlogStart = performance.now();
  warm = relay();
  await drained();
  const backlogSeconds = (performance.now() - backlogStart) / 1000;
  results.backlogEventsPerSecond = Math.round(total / backlogSeconds);

  // 2. Writers commit (10 events per transaction, 4 at a time) while the relay publishes.
  const liveStart = performance.now();
  const writers = Array.from({ length: 4 }, (_, w) =>
    commit(500 + total + (w * total) / 4, total / 4, 10).then(() => warm.wake()),
  );
  await Promise.all(writers);
  const committedSeconds = (performance.now() - liveStart) / 1000;
  await drained();
  const liveSeconds = (performance.now() - liveStart) / 1000;
  results.liveEventsPerSecond = Math.round(total / liveSeconds);
  results.liveCommitEventsPerSecond = Math.round(total / committedSeconds);
  await warm.stop();
} finally {
  await bus.close();
  await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(database.root);
  await database.close();
  if (events.nats) {
    const nc = await connect({ servers: [...events.nats.servers] });
    await (await jetstreamManager(nc)).streams.delete(events.nats.stream).catch(() => false);
    await nc.close();
  }
}
console.log(JSON.stringify(results));
