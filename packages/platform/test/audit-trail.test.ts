import type { Kysely } from 'kysely';
import { GraphQLError } from 'graphql';
import { openTestDatabase, type TestDatabase } from '../../../test/support/database.ts';
import {
  auditEntriesOf,
  auditEntriesUnder,
  auditHistoryRef,
  auditTrailRef,
  createAuditTable,
  migrateToLatest,
  recordAudit,
  type AuditEntry,
  type AuditTables,
} from '../src/index.ts';

let database: TestDatabase;
let db: Kysely<AuditTables>;

const ORDER = { subgraph: 'erp', aggregateType: 'Order', aggregateId: 'order-1' };
const at = (hour: number) => new Date(Date.UTC(2026, 10, 26, hour));

function entry(
  n: number,
  aggregateId: string,
  correlationId: string,
  overrides: Partial<AuditEntry> = {},
): AuditEntry {
  return {
    actor: `user-${n}`,
    correlationId,
    operation: 'erp.releaseOrder',
    idempotencyKey: `key-${n}`,
    aggregateType: 'Order',
    aggregateId,
    aggregateRevision: n,
    revisionsInEffect: { itemRevision: 'rev-b', eventSequence: n, plan: null },
    eventIds: [`event-${n}`],
    occurredAt: at(n),
    ...overrides,
  };
}

beforeAll(async () => {
  database = await openTestDatabase();
  await migrateToLatest(database.handle.root, 'audit_test', {
    '001-audit': { up: (migrating) => createAuditTable(migrating) },
  });
  db = database.handle.root.withSchema('audit_test').withTables<AuditTables>();
  // Order 1 changes five times, hours 1..5; another order and another type interleave.
  await recordAudit(db, [
    entry(1, 'order-1', 'request-a'),
    entry(2, 'order-2', 'request-a'),
    entry(3, 'order-1', 'request-a', { aggregateType: 'Execution', operation: 'mes.x' }),
  ]);
  await recordAudit(db, [entry(4, 'order-1', 'request-b'), entry(5, 'order-1', 'request-c')]);
  await recordAudit(db, [entry(6, 'order-1', 'request-a'), entry(7, 'order-1', 'request-d')]);
});

afterAll(async () => {
  await database?.destroy();
});

const revisions = (page: { nodes: readonly { aggregateRevision: number }[] }) =>
  page.nodes.map((n) => n.aggregateRevision);

async function badInput(call: () => unknown, argumentName: string) {
  const error = await Promise.resolve()
    .then(call)
    .then(
      () => null,
      (e: unknown) => e,
    );
  expect(error).toBeInstanceOf(GraphQLError);
  expect(error).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argumentName } });
}

describe("a record's audit history", () => {
  it('lists the entries of one aggregate newest first, page by page', async () => {
    const first = await auditEntriesOf(db, ORDER, { first: 2 });
    expect(revisions(first)).toEqual([7, 6]);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await auditEntriesOf(db, ORDER, { first: 2, after: first.pageInfo.endCursor });
    expect(revisions(second)).toEqual([5, 4]);
    const last = await auditEntriesOf(db, ORDER, { first: 2, after: second.pageInfo.endCursor });
    expect(revisions(last)).toEqual([1]);
    expect(last.pageInfo.hasNextPage).toBe(false);
  });

  it('keeps the entries recorded at or after since and before until', async () => {
    expect(revisions(await auditEntriesOf(db, ORDER, { since: at(4), until: at(7) }))).toEqual([
      6, 5, 4,
    ]);
    expect(revisions(await auditEntriesOf(db, ORDER, { until: at(4) }))).toEqual([1]);
    expect(revisions(await auditEntriesOf(db, ORDER, { since: at(8) }))).toEqual([]);
  });

  it('shows each entry as recorded, with its revisions in effect and events', async () => {
    const [newest] = (await auditEntriesOf(db, ORDER, { first: 1 })).nodes;
    expect(newest).toEqual({
      id: expect.stringMatching(/^erp:\d+$/),
      subgraph: 'erp',
      occurredAt: at(7),
      actor: 'user-7',
      correlationId: 'request-d',
      operation: 'erp.releaseOrder',
      idempotencyKey: 'key-7',
      aggregateType: 'Order',
      aggregateId: 'order-1',
      aggregateRevision: 7,
      revisionsInEffect: [
        { name: 'eventSequence', value: '7' },
        { name: 'itemRevision', value: 'rev-b' },
        { name: 'plan', value: null },
      ],
      eventIds: ['event-7'],
    });
  });

  it('refuses a bad page, cursor, range or key as BAD_USER_INPUT naming the argument', async () => {
    await badInput(() => auditEntriesOf(db, ORDER, { first: 0 }), 'first');
    await badInput(() => auditEntriesOf(db, ORDER, { after: 'not-a-cursor' }), 'after');
    const otherCursor = Buffer.from('k:2026-01-01|x', 'utf8').toString('base64url');
    await badInput(() => auditEntriesOf(db, ORDER, { after: otherCursor }), 'after');
    await badInput(() => auditEntriesOf(db, ORDER, { since: at(5), until: at(4) }), 'until');
    await badInput(() => auditHistoryRef('Order', ' '), 'aggregateId');
    await badInput(() => auditHistoryRef('', 'order-1'), 'aggregateType');
    await badInput(() => auditTrailRef(''), 'correlationId');
  });
});

describe('the audit trail of a correlation id', () => {
  it('lists what one request changed, in the order it was recorded, page by page', async () => {
    const trail = { subgraph: 'erp', correlationId: 'request-a' };
    const first = await auditEntriesUnder(db, trail, { first: 2 });
    expect(first.nodes.map((n) => [n.aggregateType, n.aggregateId])).toEqual([
      ['Order', 'order-1'],
      ['Order', 'order-2'],
    ]);
    const rest = await auditEntriesUnder(db, trail, { after: first.pageInfo.endCursor });
    expect(rest.nodes.map((n) => [n.aggregateType, n.aggregateRevision])).toEqual([
      ['Execution', 3],
      ['Order', 6],
    ]);
    expect(rest.pageInfo.hasNextPage).toBe(false);
    expect((await auditEntriesUnder(db, { ...trail, correlationId: 'nobody' }, {})).nodes).toEqual(
      [],
    );
  });
});
