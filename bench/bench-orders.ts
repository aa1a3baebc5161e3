import type { ErpDb } from '../subgraphs/erp/src/db/erp-db.ts';
import { releaseOrder } from '../subgraphs/erp/src/mutations/release-order.ts';

/**
 * `count` copies of the demo's CREATED order (FG-1000) planned large enough never to run over
 * plan, released through the validated path. Answers their numbers.
 */
export async function releaseBenchOrders(
  erp: ErpDb,
  count: number,
  prefix: string,
): Promise<string[]> {
  const template = await erp
    .selectFrom('production_order')
    .selectAll()
    .where('number', '=', 'PO-100230')
    .executeTakeFirstOrThrow();
  const numbers = Array.from({ length: count }, (_, i) => `${prefix}${String(i).padStart(4, '0')}`);
  await erp
    .insertInto('production_order')
    .values(
      numbers.map((number) => ({
        ...template,
        id: `order-${number}`,
        number,
        planned_quantity: '100000000',
        source_key: `AUFNR ${number}`,
      })),
    )
    .execute();
  for (const number of numbers) {
    const released = await releaseOrder(
      { db: erp, correlationId: 'bench' },
      {
        idempotencyKey: `bench-${number}`,
        orderNumber: number,
        actor: 'bench',
        expectedRevision: null,
        releaseAt: null,
      },
    );
    if (!released.ok)
      throw new Error(`release of ${number} failed: ${JSON.stringify(released.errors)}`);
  }
  return numbers;
}
