import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import { openDatabase, type DatabaseConfig, type DatabaseHandle } from '@plantgraph/platform';
import { openTestDatabase, type TestDatabase } from '../../../test/support/database.ts';
import {
  appendToOutbox,
  createMemoryBus,
  createNatsBus,
  startEventBackbone,
  startRelay,
  type EventBackbone,
  type EventEnvelope,
} from '../src/index.ts';
import type { CommitAndDie } from './support/commit-and-die.ts';
import {
  COUNTER_SET,
  counterDb,
  counterHandler,
  createCounterSchema,
  dropCounterSchema,
  effectsByEvent,
  setCounter,
  SOURCE,
  type CounterDatabase,
} from './support/counter-schema.ts';
import { startPrivateNatsServer, type PrivateNatsServer } from './support/nats-server.ts';
import {
  BUS_CASES,
  eventually,
  openTestBus,
  silentLog,
  stopSharedTestNats,
  SwitchableBus,
  type BusKind,
  type TestBus,
} from './support/test-bus.ts';

const SETTINGS = {
  maxAttempts: 3,
  backoffMs: [20, 40],
  relayPollMs: 50,
  relayBatchSize: 100,
  relayStandbyMs: 100,
};

let database: TestDatabase;

beforeAll(async () => {
  database = await openTestDatabase();
}, 60_000);

afterAll(async () => {
  await database?.destroy();
  await stopSharedTestNats();
});

async function unpublished(db: Kysely<CounterDatabase>): Promise<number> {
  const rows = await db
    .selectFrom('outbox')
    .select('seq')
    .where('published_at', 'is', null)
    .execute();
  return rows.length;
}

async function expectEachAppliedOnce(
  db: Kysely<CounterDatabase>,
  events: readonly EventEnvelope[],
): Promise<void> {
  await eventually(`${events.length} events applied`, async () => {
    const effects = await effectsByEvent(db);
    return events.every((event) => effects.has(event.id));
  });
  const effects = await effectsByEvent(db);
  expect(events.map((event) => effects.get(event.id))).toEqual(events.map(() => 1));
  expect(effects.size).toBe(events.length);
}

describe.each(BUS_CASES)('the relay on %s', (_name, kind: BusKind) => {
  let schema: string;
  let db: Kysely<CounterDatabase>;
  let testBus: TestBus | null = null;
  const backbones: EventBackbone[] = [];
  let broker: PrivateNatsServer | null = null;

  function startBackbone(bus: SwitchableBus, handle: DatabaseHandle = database.handle) {
    return startEventBackbone({
      database: handle,
      schema,
      source: SOURCE,
      bus,
      handlers: [counterHandler()],
      log: silentLog,
      config: SETTINGS,
    }).then((backbone) => {
      backbones.push(backbone);
      return backbone;
    });
  }

  beforeEach(async () => {
    schema = await createCounterSchema(database.handle.root);
    db = counterDb(database.handle.root, schema);
  });

  afterEach(async () => {
    for (const backbone of backbones.splice(0)) await backbone.stop();
    await testBus?.close();
    testBus = null;
    await broker?.destroy();
    broker = null;
    await dropCounterSchema(database.handle.root, schema);
  });

  it('keeps mutations succeeding while the broker is down, and delivers every event once it is back', async () => {
    if (kind === 'nats') broker = await startPrivateNatsServer();
    testBus = await openTestBus(
      kind,
      broker ? { servers: [broker.url], publishTimeoutMs: 500 } : {},
    );
    const bus = new SwitchableBus(testBus.bus);
    const backbone = await startBackbone(bus);
    const before: EventEnvelope[] = [];
    for (let i = 0; i < 5; i += 1) {
      before.push(await setCounter(db, `outage-${i}`, i));
      backbone.wake();
    }
    await expectEachAppliedOnce(db, before);

    if (broker) await broker.stop();
    else bus.down = true;
    const during: EventEnvelope[] = [];
    for (let i = 5; i < 25; i += 1) {
      during.push(await setCounter(db, `outage-${i}`, i));
      backbone.wake();
    }
    // The relay has tried (and failed) to publish them: they wait in the outbox.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await unpublished(db)).toBe(during.length);

    if (broker) await broker.start();
    else bus.down = false;
    await expectEachAppliedOnce(db, [...before, ...during]);
    await eventually('the outbox drained', async () => (await unpublished(db)) === 0);
    const stored = await testBus.streamMessages();
    if (stored !== null) expect(stored).toBe(before.length + during.length);
  }, 60_000);

  it('publishes on restart what a process killed between commit and publish left behind', async () => {
    testBus = await openTestBus(kind, { dedupWindowMs: 100 });
    const bus = new SwitchableBus(testBus.bus);
    // The dead process creates its own schema (on PGlite, in its own data directory).
    await dropCounterSchema(database.handle.root, schema);
    schema = `evt_killed_${randomBytes(3).toString('hex')}`;
    const pgliteDir =
      database.url === null ? await mkdtemp(path.join(tmpdir(), 'plantgraph-killed-')) : null;
    const config: DatabaseConfig =
      pgliteDir === null
        ? { kind: 'postgres', url: database.url ?? '', poolSize: 2 }
        : { kind: 'pglite', dataDir: pgliteDir, reset: false };
    const job: CommitAndDie = {
      database: config,
      schema,
      count: 10,
      nats: testBus.nats,
      publishFirst: testBus.nats ? 4 : 0,
      dedupWindowMs: 100,
    };
    const child = spawn(
      process.execPath,
      [fileURLToPath(new URL('./support/commit-and-die.ts', import.meta.url)), JSON.stringify(job)],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const exit = await new Promise<NodeJS.Signals | null>((resolve) =>
      child.once('exit', (_code, signal) => resolve(signal)),
    );
    expect(exit).toBe('SIGKILL');
    expect(output).toContain('committed');

    const handle = pgliteDir === null ? database.handle : await openDatabase(config);
    try {
      const killedDb = counterDb(handle.root, schema);
      const rows = await killedDb.selectFrom('outbox').selectAll().orderBy('seq').execute();
      expect(rows).toHaveLength(10);
      expect(rows.every((row) => row.published_at === null)).toBe(true);
      expect(await testBus.streamMessages()).toBe(testBus.nats ? 4 : null);

      // Past the stream's duplicate window, as after a real restart: the broker takes them again.
      await new Promise((resolve) => setTimeout(resolve, 150));
      await startBackbone(bus, handle);
      await eventually('every event applied', async () => {
        const effects = await effectsByEvent(killedDb);
        return rows.every((row) => effects.has(row.id));
      });
      await eventually('the outbox drained', async () => (await unpublished(killedDb)) === 0);
      const effects = await effectsByEvent(killedDb);
      expect(rows.map((row) => effects.get(row.id))).toEqual(rows.map(() => 1));
      if (testBus.nats) {
        // The 4 the dead process had published reach the consumer twice: it applies them once.
        await eventually('redeliveries', () =>
          rows.slice(0, 4).every((row) => bus.deliveries.get(row.id) === 2),
        );
        expect(await testBus.streamMessages()).toBe(14);
      }
      expect((await effectsByEvent(killedDb)).size).toBe(10);
    } finally {
      for (const backbone of backbones.splice(0)) await backbone.stop();
      if (pgliteDir !== null) {
        await handle.close();
        await rm(pgliteDir, { recursive: true, force: true });
      }
    }
  }, 60_000);

  it('applies after a restart what was published but not yet applied when the process stopped', async () => {
    testBus = await openTestBus(kind);
    // The first process: its relay publishes, but it stops before any consumer applies a thing.
    const relay = startRelay({
      database: database.handle,
      schema,
      bus: testBus.bus,
      log: silentLog,
      pollMs: 50,
      batchSize: 100,
      standbyMs: 100,
    });
    const events: EventEnvelope[] = [];
    for (let i = 0; i < 5; i += 1) {
      events.push(await setCounter(db, `restart-${i}`, i));
      relay.wake();
    }
    await eventually('every event published', async () => (await unpublished(db)) === 0);
    await relay.stop();
    await testBus.bus.close();
    expect((await effectsByEvent(db)).size).toBe(0);

    // The next process: the in-process bus starts empty, JetStream still holds the stream.
    const restarted =
      testBus.nats === null
        ? createMemoryBus({ dedupWindowMs: 60_000, log: silentLog })
        : createNatsBus({ nats: testBus.nats, dedupWindowMs: 60_000, log: silentLog });
    try {
      const bus = new SwitchableBus(restarted);
      const backbone = await startBackbone(bus);
      await expectEachAppliedOnce(db, events);
      await backbone.stop();
      // A later restart finds them settled and delivers nothing again.
      const again = new SwitchableBus(
        testBus.nats === null
          ? createMemoryBus({ dedupWindowMs: 60_000, log: silentLog })
          : restarted,
      );
      await startBackbone(again);
      await new Promise((resolve) => setTimeout(resolve, 300));
      if (testBus.nats === null) expect(again.deliveries.size).toBe(0);
      expect((await effectsByEvent(db)).size).toBe(events.length);
    } finally {
      for (const backbone of backbones.splice(0)) await backbone.stop();
      await restarted.close();
    }
  }, 60_000);

  it('publishes an event that commits after a higher sequence number was published', async () => {
    testBus = await openTestBus(kind);
    const bus = new SwitchableBus(testBus.bus);
    const backbone = await startBackbone(bus);
    const first = await setCounter(db, 'late-a', 1);
    backbone.wake();
    await expectEachAppliedOnce(db, [first]);
    // A transaction that took its sequence number early and commits now: a lower seq than the
    // row already published. A relay that kept a high-water mark would skip it.
    const published = await db.selectFrom('outbox').select('seq').executeTakeFirstOrThrow();
    const late = await db.transaction().execute(async (trx) => {
      const [event] = await appendToOutbox(trx, SOURCE, [
        {
          type: COUNTER_SET,
          subject: 'late-b',
          aggregateType: 'counter',
          aggregateId: 'late-b',
          aggregateVersion: 1,
          plant: null,
          data: { value: 2 },
          correlationId: 'corr-late',
          causationId: null,
        },
      ]);
      if (event === undefined) throw new Error('no event');
      await trx
        .updateTable('outbox')
        .set({ seq: published.seq - 1 })
        .where('id', '=', event.id)
        .execute();
      return event;
    });
    backbone.wake();
    await expectEachAppliedOnce(db, [first, late]);
    const rows = await db.selectFrom('outbox').select(['seq', 'id']).orderBy('seq').execute();
    expect(rows.map((row) => row.id)).toEqual([late.id, first.id]);
  });

  it('hands publishing over to a standby replica when the active relay stops', async () => {
    testBus = await openTestBus(kind);
    const bus = new SwitchableBus(testBus.bus);
    const options = {
      database: database.handle,
      schema,
      bus,
      log: silentLog,
      pollMs: 50,
      batchSize: 100,
      standbyMs: 50,
    };
    const one = startRelay(options);
    await eventually('one relay active', () => one.active);
    const two = startRelay(options);
    const received: string[] = [];
    const consumer = await bus.consume(
      'test.relay-spy',
      [COUNTER_SET],
      { maxAttempts: 1, backoffMs: [] },
      async ({ event }) => {
        received.push(event.id);
      },
    );
    try {
      const a = await setCounter(db, 'replica-a', 1);
      one.wake();
      two.wake();
      await eventually('the first event', () => received.includes(a.id));
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(one.active).toBe(true);
      expect(two.active).toBe(false);

      await one.stop();
      await eventually('the standby active', () => two.active);
      const b = await setCounter(db, 'replica-b', 1);
      two.wake();
      await eventually('the second event', () => received.includes(b.id));
      expect(received).toEqual([a.id, b.id]);
      expect(await unpublished(db)).toBe(0);
    } finally {
      await consumer.stop();
      await one.stop();
      await two.stop();
    }
  });
});
