/**
 * Completions per second on a PostgreSQL server: `reportCompletion` with full validation,
 * idempotency key, outbox event and audit entry, against the same rows written without any of it
 * (the ceiling), at concurrency 1 and 16; and their ratio.
 * Needs DATABASE_URL (a server): it creates a scratch database there and drops it at the end.
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node bench/completions.ts [completions]
 */
import { randomUUID } from 'node:crypto';
import { Decimal } from 'decimal.js';
import { readCommonConfig } from '@plantgraph/platform';
import { migrateAll, seedDemo } from '@plantgraph/seed';
import { erpDb } from '../subgraphs/erp/src/db/erp-db.ts';
import { mesDb, type MesDb } from '../subgraphs/mes/src/db/mes-db.ts';
import { orderReleasedHandler } from '../subgraphs/mes/src/events/order-released.ts';
import { reportCompletion } from '../subgraphs/mes/src/mutations/report-completion.ts';
import { rowToEnvelope } from '@plantgraph/events';
import { releaseBenchOrders } from './bench-orders.ts';
import { openScratchDatabase } from './scratch-database.ts';

const total = Number(process.argv[2] ?? 2000);
const ORDERS = 32;
const common = readCommonConfig();
if (common.database.kind !== 'postgres') {
  console.error('bench/completions.ts measures a PostgreSQL server: set DATABASE_URL');
  process.exit(2);
}
const scratch = await openScratchDatabase(
  common.database.url,
  `plantgraph_bench_completions_${process.pid}`,
);
const database = scratch.database;

try {
  const root = database.root;
  await migrateAll(root);
  await seedDemo(root);
  const erp = erpDb(root);
  const mes = mesDb(root);

  // Orders big enough never to run over plan, released through the validated path and received
  // by the MES through its consumer.
  const numbers = await releaseBenchOrders(erp, ORDERS, 'PO-B');
  const releases = await erp
    .selectFrom('outbox')
    .selectAll()
    .where('type', '=', 'order.released')
    .execute();
  for (const row of releases) {
    await mes.transaction().execute((trx) => orderReleasedHandler.handle(trx, rowToEnvelope(row)));
  }
  const contexts = await mes
    .selectFrom('order_context')
    .selectAll()
    .where('order_number', 'in', numbers)
    .execute();

  /** One completion with everything: validation, idempotency key, outbox, audit. */
  async function validated(i: number): Promise<void> {
    const outcome = await reportCompletion(
      { db: mes, correlationId: `bench-${i}` },
      {
        idempotencyKey: `bench-completion-${i}-${randomUUID()}`,
        orderNumber: numbers[i % ORDERS] ?? '',
        goodQuantity: '1',
        scrapQuantity: '0',
        final: false,
        lotNumber: null,
        completedAt: null,
        actor: 'bench',
        expectedRevision: null,
      },
    );
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
  }

  /** The same rows, written without checks, key, outbox or audit: the ceiling. */
  async function raw(i: number, db: MesDb = mes): Promise<void> {
    const order = contexts[i % ORDERS];
    if (order === undefined) throw new Error('no order');
    await db.transaction().execute(async (trx) => {
      const execution = await trx
        .selectFrom('execution')
        .selectAll()
        .where('order_id', '=', order.order_id)
        .forUpdate()
        .executeTakeFirstOrThrow();
      const lotId = `lot-${randomUUID()}`;
      const now = new Date();
      await trx
        .insertInto('lot_stock')
        .values({
          lot_id: lotId,
          lot_number: `RAW-${lotId}`,
          item_id: order.item_id,
          available_quantity: '1',
          uom: order.uom,
          quality_status: 'QUARANTINE',
        })
        .execute();
      await trx
        .insertInto('lot_production')
        .values({ lot_id: lotId, order_id: order.order_id, produced_at: now })
        .execute();
      await trx
        .insertInto('completion')
        .values({
          id: `completion-${randomUUID()}`,
          order_id: order.order_id,
          lot_id: lotId,
          good_quantity: '1',
          scrap_quantity: '0',
          uom: order.uom,
          final: false,
          completed_at: now,
          recorded_at: now,
        })
        .execute();
      await trx
        .updateTable('execution')
        .set({
          good_quantity: new Decimal(execution.good_quantity).add(1).toString(),
          revision: execution.revision + 1,
        })
        .where('order_id', '=', order.order_id)
        .execute();
    });
  }

  /** Completions per second of `n` calls of `write` by `concurrency` workers, each on its own orders. */
  async function rate(
    write: (i: number) => Promise<void>,
    n: number,
    concurrency: number,
  ): Promise<number> {
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        for (let i = next++; i < n; i = next++) await write(i);
      }),
    );
    return n / ((performance.now() - started) / 1000);
  }

  for (let i = 0; i < 100; i += 1) {
    await validated(i);
    await raw(i);
  }
  const figures: Record<string, number> = {};
  for (const concurrency of [1, 16]) {
    figures[`validated_c${concurrency}`] = await rate(validated, total, concurrency);
    figures[`raw_c${concurrency}`] = await rate(raw, total, concurrency);
  }
  const round = (x: number | undefined) => Math.round((x ?? 0) * 10) / 10;
  const ratio = (a: number | undefined, b: number | undefined) =>
    Number(((a ?? 0) / (b ?? 1)).toFixed(2));
  console.log(
    JSON.stringify({
      bench: 'MES completions per second on PostgreSQL',
      completions: total,
      orders: ORDERS,
      'validated + idempotency + outbox + audit, concurrency 1': round(figures.validated_c1),
      'raw writes, concurrency 1': round(figures.raw_c1),
      'ratio at concurrency 1': ratio(figures.validated_c1, figures.raw_c1),
      'validated + idempotency + outbox + audit, concurrency 16': round(figures.validated_c16),
      'raw writes, concurrency 16': round(figures.raw_c16),
      'ratio at concurrency 16': ratio(figures.validated_c16, figures.raw_c16),
    }),
  );
} finally {
  await scratch.drop();
}
