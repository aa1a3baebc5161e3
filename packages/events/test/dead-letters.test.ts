import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { openTestDatabase, type TestDatabase } from '../../../test/support/database.ts';
import {
  correlationTrail,
  deadLetterSortKey,
  findDeadLetters,
  recordDeadLetter,
  replayDeadLetter,
  replayDeadLetters,
  rowToDeadLetter,
  type DeadLetterFilter,
  type EventEnvelope,
} from '../src/index.ts';
import {
  COUNTER_CONSUMER,
  counterDb,
  counterHandler,
  createCounterSchema,
  dropCounterSchema,
  effectsByEvent,
  setCounter,
  type CounterDatabase,
  type CounterHandlerControls,
} from './support/counter-schema.ts';
import { silentLog } from './support/test-bus.ts';

let database: TestDatabase;
let schema: string;
let db: Kysely<CounterDatabase>;

beforeAll(async () => {
  database = await openTestDatabase();
}, 60_000);

afterAll(async () => {
  await database?.destroy();
});

beforeEach(async () => {
  schema = await createCounterSchema(database.handle.root);
  db = counterDb(database.handle.root, schema);
});

afterEach(async () => {
  await dropCounterSchema(database.handle.root, schema);
});

const at = (minute: number) => new Date(Date.UTC(2026, 10, 20, 8, minute));

async function deadLetter(
  consumer: string,
  event: EventEnvelope,
  lastFailedMinute: number,
): Promise<void> {
  await recordDeadLetter(db, {
    consumer,
    event,
    error: new Error(`failed at ${lastFailedMinute}`),
    attempts: 3,
    firstFailedAt: at(lastFailedMinute - 1),
    lastFailedAt: at(lastFailedMinute),
  });
}

async function ids(filter: DeadLetterFilter): Promise<string[]> {
  const rows = await findDeadLetters(db, filter, { limit: 100, after: null });
  return rows.map((row) => row.event_id);
}

describe('dead letters', () => {
  it('are listed newest failure first, filtered by consumer, type and time, and paged', async () => {
    const events = [];
    for (let i = 0; i < 5; i += 1) events.push(await setCounter(db, `dl-${i}`, i));
    const [e0, e1, e2, e3, e4] = events;
    if (!e0 || !e1 || !e2 || !e3 || !e4) throw new Error('events missing');
    const other = { ...e4, id: randomUUID(), type: 'counter.reset' };
    await deadLetter(COUNTER_CONSUMER, e0, 10);
    await deadLetter(COUNTER_CONSUMER, e1, 20);
    await deadLetter('test.other', e2, 30);
    await deadLetter(COUNTER_CONSUMER, e3, 40);
    await deadLetter('test.other', other, 50);

    expect(await ids({})).toEqual([other.id, e3.id, e2.id, e1.id, e0.id]);
    expect(await ids({ consumer: 'test.other' })).toEqual([other.id, e2.id]);
    expect(await ids({ type: 'counter.reset' })).toEqual([other.id]);
    expect(await ids({ since: at(20), until: at(40) })).toEqual([e2.id, e1.id]);
    expect(await ids({ consumer: COUNTER_CONSUMER, since: at(15) })).toEqual([e3.id, e1.id]);

    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const rows = await findDeadLetters(db, {}, { limit: 2, after });
      const page = rows.slice(0, 2).map((row) => rowToDeadLetter(row, 'test'));
      seen.push(...page.map((letter) => letter.event.id));
      const last = page.at(-1);
      if (rows.length <= 2 || last === undefined) break;
      after = deadLetterSortKey(last);
    }
    expect(seen).toEqual([other.id, e3.id, e2.id, e1.id, e0.id]);
  });

  it('keeps one dead letter per consumer and event; failing again adds the attempts', async () => {
    const event = await setCounter(db, 'again', 1);
    await deadLetter(COUNTER_CONSUMER, event, 10);
    await deadLetter(COUNTER_CONSUMER, event, 20);
    const rows = await db.selectFrom('dead_letter').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      attempts: 6,
      first_failed_at: at(9),
      last_failed_at: at(20),
      error: 'Error: failed at 20',
    });
  });

  it('are replayed as a filtered set; one that fails again is updated, others are settled', async () => {
    const controls: CounterHandlerControls = { failing: new Set(), handled: [] };
    const good = await setCounter(db, 'set-good', 1);
    const bad = await setCounter(db, 'set-bad', 2);
    const elsewhere = await setCounter(db, 'set-elsewhere', 3);
    await deadLetter(COUNTER_CONSUMER, good, 10);
    await deadLetter(COUNTER_CONSUMER, bad, 11);
    await deadLetter('test.gone', elsewhere, 12);
    controls.failing.add(bad.id);
    const context = { db, subgraph: 'test', handlers: [counterHandler(controls)], log: silentLog };

    const results = await replayDeadLetters(context, { consumer: COUNTER_CONSUMER }, 100);
    expect(results.map((r) => [r.deadLetter?.event.id, r.outcome])).toEqual([
      [good.id, 'APPLIED'],
      [bad.id, 'FAILED'],
    ]);
    const failed = results[1];
    expect(failed?.error).toBe(`Error: cannot apply ${bad.id} yet`);
    expect(failed?.deadLetter).toMatchObject({ attempts: 4, replayedAt: null });
    expect(failed?.deadLetter?.lastFailedAt.getTime()).toBeGreaterThan(at(11).getTime());

    const effects = await effectsByEvent(db);
    expect([effects.get(good.id), effects.get(bad.id)]).toEqual([1, undefined]);
    expect(await ids({})).toEqual([bad.id, elsewhere.id]);
    expect(await ids({ includeReplayed: true })).toEqual([bad.id, elsewhere.id, good.id]);

    const orphan = await db
      .selectFrom('dead_letter')
      .select('id')
      .where('event_id', '=', elsewhere.id)
      .executeTakeFirstOrThrow();
    expect(await replayDeadLetter(context, orphan.id)).toMatchObject({
      outcome: 'NO_HANDLER',
      error: 'no consumer named test.gone runs in test',
    });
    expect(await replayDeadLetter(context, randomUUID())).toMatchObject({
      outcome: 'NOT_FOUND',
      deadLetter: null,
    });
    expect(await replayDeadLetter(context, 'not-a-uuid')).toMatchObject({ outcome: 'NOT_FOUND' });
  });
});

describe('the correlation trail of one schema', () => {
  it('shows what was published, consumed (applied or stale) and dead-lettered under one id', async () => {
    const v1 = await setCounter(db, 'trail', 1, 'corr-trail');
    const v2 = await setCounter(db, 'trail', 2, 'corr-trail');
    const unrelated = await setCounter(db, 'unrelated', 9, 'corr-other');
    await db
      .updateTable('outbox')
      .set({ published_at: at(30) })
      .where('id', '=', v1.id)
      .execute();
    const context = { db, subgraph: 'test', handlers: [counterHandler()], log: silentLog };
    await deadLetter(COUNTER_CONSUMER, v2, 40);
    await deadLetter(COUNTER_CONSUMER, v1, 41);
    await deadLetter(COUNTER_CONSUMER, unrelated, 42);
    // v2 first, then v1: v1 is stale by then.
    const [first, second] = await replayDeadLetters(context, { type: 'counter.set' }, 2);
    expect([first?.outcome, second?.outcome]).toEqual(['APPLIED', 'STALE']);

    const trail = await correlationTrail(db, 'corr-trail', 'test');
    expect(trail.published.map((p) => [p.event.id, p.publishedAt])).toEqual([
      [v1.id, at(30)],
      [v2.id, null],
    ]);
    expect(trail.published[0]?.event).toMatchObject({
      correlationId: 'corr-trail',
      aggregateType: 'counter',
      aggregateId: 'trail',
      aggregateVersion: 1,
      data: '{"value":1}',
    });
    expect(trail.consumed.map((c) => [c.eventId, c.outcome, c.aggregateVersion])).toEqual([
      [v2.id, 'APPLIED', 2],
      [v1.id, 'STALE', 1],
    ]);
    expect(trail.failed.map((f) => [f.event.id, f.subgraph, f.replayedAt !== null])).toEqual([
      [v2.id, 'test', true],
      [v1.id, 'test', true],
    ]);
  });
});
