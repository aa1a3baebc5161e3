import type { Kysely } from 'kysely';
import { openTestDatabase, type TestDatabase } from '../../../test/support/database.ts';
import {
  createConsumerRunner,
  PermanentEventError,
  replayDeadLetter,
  rowToEnvelope,
  startEventBackbone,
  type EventBackbone,
  type EventEnvelope,
} from '../src/index.ts';
import {
  COUNTER_CONSUMER,
  COUNTER_SET,
  counterDb,
  counterHandler,
  createCounterSchema,
  dropCounterSchema,
  effectsByEvent,
  setCounter,
  SOURCE,
  type CounterDatabase,
  type CounterHandlerControls,
} from './support/counter-schema.ts';
import {
  BUS_CASES,
  eventually,
  openTestBus,
  silentLog,
  stopSharedTestNats,
  SwitchableBus,
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

/** A deterministic shuffle (the order is random-looking but the same on every run). */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const result = [...items];
  let state = seed;
  for (let i = result.length - 1; i > 0; i -= 1) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const j = state % (i + 1);
    const a = result[i];
    const b = result[j];
    if (a === undefined || b === undefined) throw new Error('index out of range');
    result[i] = b;
    result[j] = a;
  }
  return result;
}

describe.each(BUS_CASES)('consumers on %s', (_name, kind) => {
  let schema: string;
  let db: Kysely<CounterDatabase>;
  let testBus: TestBus;
  let bus: SwitchableBus;
  let backbone: EventBackbone | null = null;
  let stopConsumer: (() => Promise<void>) | null = null;

  async function open(dedupWindowMs?: number): Promise<void> {
    testBus = await openTestBus(kind, dedupWindowMs === undefined ? {} : { dedupWindowMs });
    bus = new SwitchableBus(testBus.bus);
    schema = await createCounterSchema(database.handle.root);
    db = counterDb(database.handle.root, schema);
  }

  async function startBackbone(controls: CounterHandlerControls): Promise<EventBackbone> {
    backbone = await startEventBackbone({
      database: database.handle,
      schema,
      source: SOURCE,
      bus,
      handlers: [counterHandler(controls)],
      log: silentLog,
      config: SETTINGS,
    });
    return backbone;
  }

  afterEach(async () => {
    await backbone?.stop();
    backbone = null;
    await stopConsumer?.();
    stopConsumer = null;
    await testBus?.close();
    await dropCounterSchema(database.handle.root, schema);
  });

  it('applies every event once when the bus delivers each of them twice', async () => {
    await open(1000);
    const controls: CounterHandlerControls = { failing: new Set(), handled: [] };
    const events: EventEnvelope[] = [];
    for (let i = 0; i < 10; i += 1) events.push(await setCounter(db, `twice-${i}`, 100 + i));
    await startBackbone(controls).then((b) => b.wake());
    await eventually('first deliveries', () => events.every((e) => bus.deliveries.get(e.id) === 1));

    // A publish after the dedup window (a relay that crashed before marking, an hour later) is
    // delivered again; one inside the window is dropped by the bus.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    for (const event of events) {
      expect((await bus.publish(event)).duplicate).toBe(false);
      expect((await bus.publish(event)).duplicate).toBe(true);
    }
    await eventually('second deliveries', () =>
      events.every((e) => bus.deliveries.get(e.id) === 2),
    );

    const effects = await effectsByEvent(db);
    expect(events.map((e) => effects.get(e.id))).toEqual(events.map(() => 1));
    expect(controls.handled.sort()).toEqual(events.map((e) => e.id).sort());
    const counters = await db.selectFrom('counter').selectAll().orderBy('id').execute();
    expect(counters.map((c) => [c.id, c.value])).toEqual(
      events
        .map((e, i) => [e.aggregateid, 100 + i])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    const processed = await db.selectFrom('processed_event').select('event_id').execute();
    expect(processed).toHaveLength(events.length);
  });

  it('ends in the same state, rejecting stale versions, when events of one aggregate arrive shuffled', async () => {
    await open();
    const events: EventEnvelope[] = [];
    for (let version = 1; version <= 6; version += 1) {
      for (const id of ['a', 'b', 'c']) {
        events.push(await setCounter(db, `shuffle-${id}`, version * 10 + id.charCodeAt(0)));
      }
    }
    // The relay is not running: the test publishes in a shuffled order instead.
    await db.updateTable('outbox').set({ published_at: new Date() }).execute();
    const order = shuffled(events, 7);
    expect(order.map((e) => e.id)).not.toEqual(events.map((e) => e.id));
    const consumer = await bus.consume(
      COUNTER_CONSUMER,
      [COUNTER_SET],
      { maxAttempts: 3, backoffMs: [20] },
      createConsumerRunner({ db, handler: counterHandler(), maxAttempts: 3, log: silentLog }),
    );
    stopConsumer = () => consumer.stop();
    for (const event of order) await bus.publish(event);
    await eventually('every event recorded', async () => {
      const rows = await db.selectFrom('processed_event').select('event_id').execute();
      return rows.length === events.length;
    });

    // Expected outcomes, computed from the delivery order: newer than the newest applied wins.
    const newest = new Map<string, number>();
    const expected = new Map<string, string>();
    for (const event of order) {
      const last = newest.get(event.aggregateid) ?? 0;
      expected.set(event.id, event.aggregateversion > last ? 'applied' : 'stale');
      newest.set(event.aggregateid, Math.max(last, event.aggregateversion));
    }
    const recorded = await db
      .selectFrom('processed_event')
      .select(['event_id', 'outcome'])
      .execute();
    expect(new Map(recorded.map((r) => [r.event_id, r.outcome]))).toEqual(expected);
    expect([...expected.values()]).toContain('stale');

    const counters = await db.selectFrom('counter').selectAll().orderBy('id').execute();
    const sources = await db.selectFrom('counter_source').selectAll().orderBy('id').execute();
    expect(counters).toEqual(sources);
    expect(counters.map((c) => c.version)).toEqual([6, 6, 6]);
  });

  it('dead-letters a poison event after its attempts, and a replay once fixed applies it exactly once', async () => {
    await open();
    const controls: CounterHandlerControls = { failing: new Set(), handled: [] };
    const poison = await setCounter(db, 'poison', 13, 'corr-poison');
    const healthy = await setCounter(db, 'healthy', 7);
    controls.failing.add(poison.id);
    const started = new Date();
    await startBackbone(controls).then((b) => b.wake());

    await eventually('the dead letter', async () => {
      const rows = await db.selectFrom('dead_letter').select('id').execute();
      return rows.length === 1;
    });
    const letter = await db.selectFrom('dead_letter').selectAll().executeTakeFirstOrThrow();
    expect(letter).toMatchObject({
      consumer: COUNTER_CONSUMER,
      event_id: poison.id,
      event_type: COUNTER_SET,
      correlation_id: 'corr-poison',
      attempts: SETTINGS.maxAttempts,
      replayed_at: null,
    });
    expect(letter.error).toContain(`cannot apply ${poison.id} yet`);
    expect(letter.first_failed_at.getTime()).toBeGreaterThanOrEqual(started.getTime() - 1000);
    expect(letter.last_failed_at.getTime()).toBeGreaterThan(letter.first_failed_at.getTime());
    await eventually('the healthy event', async () => (await effectsByEvent(db)).has(healthy.id));

    // Acknowledged once dead-lettered: no further delivery.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(controls.handled.filter((id) => id === poison.id)).toHaveLength(SETTINGS.maxAttempts);
    expect(bus.deliveries.get(poison.id)).toBe(SETTINGS.maxAttempts);
    expect((await effectsByEvent(db)).get(poison.id)).toBeUndefined();

    controls.failing.delete(poison.id);
    const context = {
      db,
      subgraph: 'test',
      handlers: [counterHandler(controls)],
      log: silentLog,
    };
    const replay = await replayDeadLetter(context, letter.id);
    expect(replay.outcome).toBe('APPLIED');
    expect(replay.deadLetter?.replayedAt).toBeInstanceOf(Date);
    const again = await replayDeadLetter(context, letter.id);
    expect(again.outcome).toBe('DUPLICATE');

    expect((await effectsByEvent(db)).get(poison.id)).toBe(1);
    const counter = await db
      .selectFrom('counter')
      .selectAll()
      .where('id', '=', 'poison')
      .executeTakeFirstOrThrow();
    expect(counter.value).toBe(13);
  });

  it('dead-letters at once an event the handler rejects as permanently inapplicable', async () => {
    await open();
    const event = await setCounter(db, 'closed-order', 1);
    let calls = 0;
    backbone = await startEventBackbone({
      database: database.handle,
      schema,
      source: SOURCE,
      bus,
      handlers: [
        {
          consumer: COUNTER_CONSUMER,
          types: [COUNTER_SET],
          async handle() {
            calls += 1;
            throw new PermanentEventError('posting against a closed order');
          },
        },
      ],
      log: silentLog,
      config: SETTINGS,
    });
    backbone.wake();
    await eventually('the dead letter', async () => {
      const rows = await db.selectFrom('dead_letter').select('id').execute();
      return rows.length === 1;
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const letter = await db.selectFrom('dead_letter').selectAll().executeTakeFirstOrThrow();
    expect(letter.attempts).toBe(1);
    expect(letter.event_id).toBe(event.id);
    expect(letter.error).toBe('PermanentEventError: posting against a closed order');
    expect(calls).toBe(1);
  });

  it('publishes outbox rows as CloudEvents envelopes with correlation, plant and aggregate', async () => {
    await open();
    const event = await setCounter(db, 'envelope', 5, 'corr-envelope');
    const received: EventEnvelope[] = [];
    const consumer = await bus.consume(
      'test.envelope-spy',
      [COUNTER_SET],
      { maxAttempts: 1, backoffMs: [] },
      async ({ event: delivered }) => {
        received.push(delivered);
      },
    );
    stopConsumer = () => consumer.stop();
    await startBackbone({ failing: new Set(), handled: [] }).then((b) => b.wake());
    await eventually('the envelope', () => received.length === 1);
    const row = await db.selectFrom('outbox').selectAll().executeTakeFirstOrThrow();
    expect(received[0]).toEqual(rowToEnvelope(row));
    expect(received[0]).toMatchObject({
      specversion: '1.0',
      id: event.id,
      source: SOURCE,
      type: COUNTER_SET,
      correlationid: 'corr-envelope',
      causationid: null,
      plant: 'HH01',
      aggregatetype: 'counter',
      aggregateid: 'envelope',
      aggregateversion: 1,
      data: { value: 5 },
    });
    expect(row.published_at).toBeInstanceOf(Date);
  });
});
