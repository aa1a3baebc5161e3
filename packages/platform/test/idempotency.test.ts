import type { Kysely } from 'kysely';
import { openTestDatabase, type TestDatabase } from '../../../test/support/database.ts';
import {
  accepted,
  createIdempotencyTable,
  idempotencyGuard,
  migrateToLatest,
  purgeExpiredIdempotencyKeys,
  rejected,
  requestHash,
  ruleBroken,
  type IdempotencyTables,
} from '../src/index.ts';

interface WidgetTable {
  id: string;
  label: string;
}
type TestDb = IdempotencyTables & { widget: WidgetTable };

let database: TestDatabase;
let db: Kysely<TestDb>;
const guard = idempotencyGuard((trx: Kysely<TestDb>) => trx);

beforeAll(async () => {
  database = await openTestDatabase();
  const root = database.handle.root;
  await migrateToLatest(root, 'idem', {
    '001-tables': {
      up: async (migrating) => {
        await createIdempotencyTable(migrating);
        await migrating.schema
          .createTable('widget')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('label', 'text', (c) => c.notNull())
          .execute();
      },
    },
  });
  db = root.withSchema('idem').withTables<TestDb>();
});

afterAll(async () => {
  await database?.destroy();
});

/** A mutation that writes one widget per call and answers with a fresh random token. */
function makeWidget(label: string, calls: { n: number }) {
  return async (trx: Kysely<TestDb>) => {
    calls.n += 1;
    const id = `w-${crypto.randomUUID()}`;
    await trx.insertInto('widget').values({ id, label }).execute();
    return accepted({ id, label, at: new Date('2026-11-26T10:00:00Z') });
  };
}

async function widgetCount(label: string): Promise<number> {
  const row = await db
    .selectFrom('widget')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('label', '=', label)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('idempotency guard', () => {
  it('answers a repeat with the first answer and writes nothing new', async () => {
    const calls = { n: 0 };
    const request = { operation: 'test.make', key: 'k-repeat', input: { label: 'a' } };
    const first = await guard.run(db, request, makeWidget('repeat', calls));
    const second = await guard.run(db, request, makeWidget('repeat', calls));
    expect(first.ok).toBe(true);
    expect(second).toEqual(first);
    // Dates come back as the JSON text both times: the replay cannot differ from the first.
    expect(first.ok && first.value.at).toBe('2026-11-26T10:00:00.000Z');
    expect(calls.n).toBe(1);
    expect(await widgetCount('repeat')).toBe(1);
  });

  it('refuses the same key with a different input as IDEMPOTENCY_KEY_REUSED, writing nothing', async () => {
    const calls = { n: 0 };
    await guard.run(
      db,
      { operation: 'test.make', key: 'k-reuse', input: { label: 'x' } },
      makeWidget('reuse', calls),
    );
    const reused = await guard.run(
      db,
      { operation: 'test.make', key: 'k-reuse', input: { label: 'y' } },
      makeWidget('reuse', calls),
    );
    expect(reused).toEqual({
      ok: false,
      errors: [
        expect.objectContaining({ code: 'IDEMPOTENCY_KEY_REUSED', field: 'idempotencyKey' }),
      ],
    });
    expect(calls.n).toBe(1);
    expect(await widgetCount('reuse')).toBe(1);
  });

  it('keeps keys apart per operation', async () => {
    const calls = { n: 0 };
    await guard.run(
      db,
      { operation: 'test.one', key: 'shared', input: {} },
      makeWidget('ops', calls),
    );
    await guard.run(
      db,
      { operation: 'test.two', key: 'shared', input: {} },
      makeWidget('ops', calls),
    );
    expect(calls.n).toBe(2);
  });

  it('rolls back a rejected request with its key, so a corrected retry with the same key applies', async () => {
    const rejecting = async (trx: Kysely<TestDb>) => {
      await trx.insertInto('widget').values({ id: 'w-rejected', label: 'rejected' }).execute();
      return rejected([ruleBroken('NOPE', 'label', 'not today')]);
    };
    const request = { operation: 'test.make', key: 'k-reject', input: { label: 'r' } };
    const answer = await guard.run(db, request, rejecting);
    expect(answer).toEqual({
      ok: false,
      errors: [{ code: 'NOPE', field: 'label', message: 'not today' }],
    });
    expect(await widgetCount('rejected')).toBe(0);
    const keys = await db
      .selectFrom('idempotency_key')
      .selectAll()
      .where('key', '=', 'k-reject')
      .execute();
    expect(keys).toEqual([]);
    const calls = { n: 0 };
    const retry = await guard.run(db, request, makeWidget('rejected', calls));
    expect(retry.ok).toBe(true);
    expect(await widgetCount('rejected')).toBe(1);
  });

  it('gives 50 concurrent identical requests one effect and 50 identical answers', async () => {
    const calls = { n: 0 };
    const request = { operation: 'test.make', key: 'k-fifty', input: { label: 'fifty' } };
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => guard.run(db, request, makeWidget('fifty', calls))),
    );
    expect(calls.n).toBe(1);
    expect(await widgetCount('fifty')).toBe(1);
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    expect(answers[0]?.ok).toBe(true);
  });

  it('answers IN_PROGRESS to a retry while the first request is still running, and never writes twice', async () => {
    let finish!: () => void;
    const held = new Promise<void>((resolve) => {
      finish = resolve;
    });
    const calls = { n: 0 };
    const request = { operation: 'test.make', key: 'k-slow', input: {}, waitMs: 100 };
    const slow = guard.run(db, request, async (trx) => {
      await held;
      return makeWidget('slow', calls)(trx);
    });
    const retry = await guard.run(db, request, makeWidget('slow', calls));
    expect(retry).toEqual({
      ok: false,
      errors: [expect.objectContaining({ code: 'IN_PROGRESS', field: 'idempotencyKey' })],
    });
    finish();
    const first = await slow;
    const after = await guard.run(db, request, makeWidget('slow', calls));
    expect(after).toEqual(first);
    expect(calls.n).toBe(1);
    expect(await widgetCount('slow')).toBe(1);
  });

  it('makes a retry from another process wait on the key: IN_PROGRESS on a server, the first answer on PGlite', async () => {
    // Another process holds the key in an open transaction (this guard does not know it).
    let commit!: () => void;
    const release = new Promise<void>((resolve) => {
      commit = resolve;
    });
    let claimed!: () => void;
    const keyClaimed = new Promise<void>((resolve) => {
      claimed = resolve;
    });
    const input = { label: 'other' };
    const holder = db.transaction().execute(async (trx) => {
      await trx
        .insertInto('idempotency_key')
        .values({
          operation: 'test.make',
          key: 'k-other',
          request_hash: requestHash(input),
          response: JSON.stringify({ id: 'from-the-other-process' }),
          created_at: new Date(),
          expires_at: new Date(Date.now() + 86_400_000),
        })
        .execute();
      claimed();
      await release;
    });
    await keyClaimed;
    const calls = { n: 0 };
    const retry = guard.run(
      db,
      { operation: 'test.make', key: 'k-other', input, waitMs: 200 },
      makeWidget('other', calls),
    );
    if (database.url !== null) {
      expect(await retry).toEqual({
        ok: false,
        errors: [expect.objectContaining({ code: 'IN_PROGRESS' })],
      });
      commit();
      await holder;
    } else {
      // PGlite has one connection: the retry queues behind the holder's transaction.
      setTimeout(commit, 300);
      expect(await retry).toEqual({ ok: true, value: { id: 'from-the-other-process' } });
      await holder;
    }
    expect(calls.n).toBe(0);
  });

  it('keeps keys for 24 hours, reclaims an expired key and purges expired ones', async () => {
    const calls = { n: 0 };
    const request = { operation: 'test.make', key: 'k-expire', input: { v: 1 } };
    const before = Date.now();
    await guard.run(db, request, makeWidget('expire', calls));
    const row = await db
      .selectFrom('idempotency_key')
      .select(['expires_at'])
      .where('key', '=', 'k-expire')
      .executeTakeFirstOrThrow();
    expect(row.expires_at.getTime()).toBeGreaterThanOrEqual(before + 24 * 3600_000);

    await db
      .updateTable('idempotency_key')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('key', '=', 'k-expire')
      .execute();
    const reclaimed = await guard.run(
      db,
      { ...request, input: { v: 2 } },
      makeWidget('expire', calls),
    );
    expect(reclaimed.ok).toBe(true);
    expect(calls.n).toBe(2);

    await db
      .updateTable('idempotency_key')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('key', '=', 'k-expire')
      .execute();
    expect(await purgeExpiredIdempotencyKeys(db)).toBe(1);
    const left = await db
      .selectFrom('idempotency_key')
      .select('key')
      .where('key', '=', 'k-expire')
      .execute();
    expect(left).toEqual([]);
  });

  it('refuses a blank key', async () => {
    const calls = { n: 0 };
    const answer = await guard.run(
      db,
      { operation: 'test.make', key: '  ', input: {} },
      makeWidget('blank', calls),
    );
    expect(answer).toEqual({
      ok: false,
      errors: [
        expect.objectContaining({ code: 'IDEMPOTENCY_KEY_INVALID', field: 'idempotencyKey' }),
      ],
    });
    expect(calls.n).toBe(0);
  });

  it('hashes inputs canonically: key order and undefined fields do not matter, values do', () => {
    expect(requestHash({ a: 1, b: { c: 'x', d: undefined } })).toBe(
      requestHash({ b: { c: 'x' }, a: 1 }),
    );
    expect(requestHash({ at: new Date('2026-01-01T00:00:00Z') })).toBe(
      requestHash({ at: '2026-01-01T00:00:00.000Z' }),
    );
    expect(requestHash({ a: '1' })).not.toBe(requestHash({ a: 1 }));
  });
});
