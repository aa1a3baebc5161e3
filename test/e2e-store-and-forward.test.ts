import { sql } from 'kysely';
import type { EventConfig } from '@plantgraph/events';
import { DEMO } from '@plantgraph/seed';
import { postGraphql } from './support/graphql-client.ts';
import { startTestStack, type TestStack } from './support/stack.ts';
import { until } from './support/until.ts';
import { deleteStream, natsTestConfig } from './support/subscription-stack.ts';

/**
 * Store and forward: with erp stopped, the MES keeps recording consumptions and completions;
 * when erp is back every posting applies once, in the order the MES recorded it, and a posting
 * erp refuses goes to dead letters while the genealogy of that completion stays.
 */
const BUSES: readonly (readonly [string, () => EventConfig | undefined])[] = [
  ['the in-process bus', () => undefined],
  ['NATS JetStream', () => natsTestConfig(process.env)],
];

interface Movement {
  type: string;
  lot: { id: string };
  quantity: { value: string; uom: string };
}

describe.each(BUSES)('store and forward on %s', (_name, eventConfig) => {
  let t: TestStack;
  let events: EventConfig | undefined;

  beforeAll(async () => {
    events = eventConfig();
    t = await startTestStack({}, events ? { events } : {});
  }, 180_000);

  afterAll(async () => {
    await t?.close();
    if (events?.nats) await deleteStream(events.nats);
  });

  /** A mutation through the gateway that must apply. */
  async function apply(query: string, variables: Record<string, unknown> = {}) {
    const response = await postGraphql<Record<string, { errors: unknown[] }>>(
      t.gatewayUrl,
      query,
      variables,
      { 'x-correlation-id': 'store-and-forward' },
    );
    expect(response.errors).toBeUndefined();
    for (const payload of Object.values(response.data ?? {})) expect(payload.errors).toEqual([]);
  }

  /** A released lot the order's BOM takes, with the item's base unit. */
  async function componentLots(orderId: string, count: number) {
    const { rows } = await sql<{ lot_id: string; lot_number: string; uom: string }>`
      select distinct on (c.item_id) s.lot_id, s.lot_number, c.base_uom as uom
      from mes.order_component c
      join mes.lot_stock s on s.item_id = c.item_id
      where c.order_id = ${orderId} and s.quality_status = 'RELEASED'
        and s.available_quantity >= 5 and s.lot_number is not null
      order by c.item_id, s.lot_number`.execute(t.database.handle.root);
    expect(rows.length).toBeGreaterThanOrEqual(count);
    return rows.slice(0, count);
  }

  const movementsOf = async (orderNumber: string) =>
    (
      await postGraphql<{
        orderByNumber: { status: string; goodsMovements: Movement[] } | null;
      }>(
        t.gatewayUrl,
        `query($n: String!) { orderByNumber(number: $n) { status
          goodsMovements { type lot { id } quantity { value uom } } } }`,
        { n: orderNumber },
      )
    ).data?.orderByNumber;

  it('keeps the MES recording while erp is down, then posts everything once, in order, and dead-letters what erp refuses', async () => {
    const a = DEMO.createdOrderNumber;
    const b = DEMO.releasedOrderNumber;
    await apply(
      `mutation($n: String!) { releaseOrder(input: { idempotencyKey: "saf-release",
        orderNumber: $n, actor: "planner" }) { errors { code } } }`,
      { n: a },
    );
    const { rows: ids } = await sql<{ id: string; number: string }>`
      select id, number from erp.production_order where number in (${a}, ${b})`.execute(
      t.database.handle.root,
    );
    const idOf = (n: string) => ids.find((r) => r.number === n)?.id ?? '';
    const operations = await until(
      async () =>
        (
          await sql<{ sequence: number }>`
            select sequence from mes.operation where order_id = ${idOf(a)} order by sequence`.execute(
            t.database.handle.root,
          )
        ).rows,
      (rows) => rows.length > 0,
    );
    const [lotA1, lotA2] = await componentLots(idOf(a), 2);
    const [lotB] = await componentLots(idOf(b), 1);
    if (!lotA1 || !lotA2 || !lotB) throw new Error('no component lots');

    await t.stack.stopSubgraph('erp');

    let second = 0;
    const at = () => new Date(Date.now() + (second += 1) * 1000).toISOString();
    const consume = (key: string, order: string, lot: { lot_number: string; uom: string }) =>
      apply(
        `mutation($k: String!, $n: String!, $l: String!, $u: String!, $at: DateTime!) {
          recordConsumption(input: { idempotencyKey: $k, orderNumber: $n, lotNumber: $l,
            quantity: { value: "1", uom: $u }, consumedAt: $at, actor: "mes" }) { errors { code } } }`,
        { k: key, n: order, l: lot.lot_number, u: lot.uom, at: at() },
      );
    const complete = (key: string, order: string, lot: string, final = false) =>
      apply(
        `mutation($k: String!, $n: String!, $l: String!, $f: Boolean!, $at: DateTime!) {
          reportCompletion(input: { idempotencyKey: $k, orderNumber: $n, lotNumber: $l,
            goodQuantity: "1", final: $f, completedAt: $at, actor: "mes" }) { errors { code } } }`,
        { k: key, n: order, l: lot, f: final, at: at() },
      );

    // Order A runs start to finish with erp down; order B makes a lot, and erp's back office
    // closes B during the outage (in the ERP system itself, which the subgraph fronts).
    const [first, ...rest] = operations;
    if (!first) throw new Error('no operations');
    await apply(
      `mutation($n: String!, $s: Int!, $at: DateTime!) { startOperation(input: {
        idempotencyKey: "saf-start-first", orderNumber: $n, sequence: $s, eventSequence: 1,
        occurredAt: $at, actor: "mes" }) { errors { code } } }`,
      { n: a, s: first.sequence, at: at() },
    );
    await consume('saf-a-1', a, lotA1);
    await consume('saf-a-2', a, lotA2);
    await complete('saf-a-out-1', a, 'SAF-A-0001');
    await consume('saf-b-1', b, lotB);
    await complete('saf-b-out-1', b, 'SAF-B-0001');
    await sql`update erp.production_order set status = 'CLOSED' where number = ${b}`.execute(
      t.database.handle.root,
    );
    await consume('saf-a-3', a, lotA1);
    for (const [i, op] of [first, ...rest].entries()) {
      if (i > 0) {
        await apply(
          `mutation($n: String!, $s: Int!, $at: DateTime!) { startOperation(input: {
            idempotencyKey: "saf-start-${op.sequence}", orderNumber: $n, sequence: $s,
            eventSequence: 1, occurredAt: $at, actor: "mes" }) { errors { code } } }`,
          { n: a, s: op.sequence, at: at() },
        );
      }
      await apply(
        `mutation($n: String!, $s: Int!, $at: DateTime!) { completeOperation(input: {
          idempotencyKey: "saf-done-${op.sequence}", orderNumber: $n, sequence: $s,
          eventSequence: 2, occurredAt: $at, actor: "mes" }) { errors { code } } }`,
        { n: a, s: op.sequence, at: at() },
      );
    }
    await complete('saf-a-out-2', a, 'SAF-A-0002', true);

    // Nothing reached erp while it was down; the MES's events wait for it.
    const { rows: posted } = await sql<{ n: number }>`
      select count(*)::int as n from erp.goods_movement
      where order_id in (${idOf(a)}, ${idOf(b)})`.execute(t.database.handle.root);
    expect(posted[0]?.n).toBe(0);

    await t.stack.restartSubgraph('erp');

    const done = await until(
      () => movementsOf(a),
      (order) => order?.status === 'COMPLETED' && order.goodsMovements.length === 5,
    );
    const { rows: lots } = await sql<{ id: string; number: string }>`
      select lot_id as id, lot_number as number from mes.lot_stock
      where lot_number in ('SAF-A-0001', 'SAF-A-0002')`.execute(t.database.handle.root);
    const lotId = (n: string) => lots.find((l) => l.number === n)?.id;
    expect(done?.goodsMovements).toEqual([
      { type: 'GOODS_ISSUE', lot: { id: lotA1.lot_id }, quantity: { value: '1', uom: lotA1.uom } },
      { type: 'GOODS_ISSUE', lot: { id: lotA2.lot_id }, quantity: { value: '1', uom: lotA2.uom } },
      { type: 'GOODS_RECEIPT', lot: { id: lotId('SAF-A-0001') }, quantity: expect.anything() },
      { type: 'GOODS_ISSUE', lot: { id: lotA1.lot_id }, quantity: { value: '1', uom: lotA1.uom } },
      { type: 'GOODS_RECEIPT', lot: { id: lotId('SAF-A-0002') }, quantity: expect.anything() },
    ]);

    // B's postings were refused: dead letters with the reason; its lot's genealogy is kept.
    const letters = await until(
      async () =>
        (
          await postGraphql<{
            eventBackbone: {
              erp: {
                deadLetters: {
                  nodes: { consumer: string; error: string; event: { type: string } }[];
                };
              };
            };
          }>(
            t.gatewayUrl,
            `{ eventBackbone { erp { deadLetters(filter: { consumer: "erp.goods-postings" }) {
              nodes { consumer error event { type } } } } } }`,
          )
        ).data?.eventBackbone.erp.deadLetters.nodes ?? [],
      (nodes) => nodes.length >= 2,
    );
    expect(letters.map((l) => l.event.type).sort()).toEqual([
      'lot.consumed',
      'production.completed',
    ]);
    for (const letter of letters) expect(letter.error).toMatch(/is CLOSED/);
    expect((await movementsOf(b))?.goodsMovements.some((m) => m.lot.id === lotB.lot_id)).toBe(
      false,
    );
    const made = await postGraphql<{
      lotByNumber: { producedBy: { number: string }; parents: { lot: { number: string } }[] };
    }>(
      t.gatewayUrl,
      `{ lotByNumber(number: "SAF-B-0001") { producedBy { number } parents { lot { number } } } }`,
    );
    expect(made.errors).toBeUndefined();
    expect(made.data?.lotByNumber).toEqual({
      producedBy: { number: b },
      parents: [{ lot: { number: lotB.lot_number } }],
    });

    // Every MES event was posted or dead-lettered once: nothing twice.
    const { rows: twice } = await sql<{ n: number }>`
      select count(*)::int as n from (
        select source_event_id from erp.goods_movement group by source_event_id, type
        having count(*) > 1) d`.execute(t.database.handle.root);
    expect(twice[0]?.n).toBe(0);
  }, 120_000);
});
