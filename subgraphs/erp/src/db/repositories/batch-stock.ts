import type { ErpDb } from '../erp-db.ts';
import type { BatchRow, NewBatchRow } from '../tables/batch.ts';

/** The lot's batch record, locked until the transaction ends. */
export function lockBatch(db: ErpDb, lotId: string): Promise<BatchRow | undefined> {
  return db
    .selectFrom('batch')
    .selectAll()
    .where('lot_id', '=', lotId)
    .forUpdate()
    .executeTakeFirst();
}

/** Creates a batch record (for a lot ERP has not seen) and answers it locked. */
export async function createBatch(db: ErpDb, row: NewBatchRow): Promise<BatchRow> {
  await db
    .insertInto('batch')
    .values(row)
    .onConflict((oc) => oc.column('lot_id').doNothing())
    .execute();
  const batch = await lockBatch(db, row.lot_id);
  if (batch === undefined) throw new Error(`batch ${row.lot_id} vanished`);
  return batch;
}

/** Sets a batch's unrestricted stock; its revision goes up by one. */
export async function setBatchStock(
  db: ErpDb,
  batch: Pick<BatchRow, 'lot_id' | 'revision'>,
  stock: string,
): Promise<void> {
  await db
    .updateTable('batch')
    .set({ stock_quantity: stock, revision: batch.revision + 1, updated_at: new Date() })
    .where('lot_id', '=', batch.lot_id)
    .where('revision', '=', batch.revision)
    .executeTakeFirstOrThrow();
}

/** Unrestricted stock of each item's lots in one plant, summed per item and unit. */
export async function findUnrestrictedStockOfItems(
  db: ErpDb,
  itemIds: readonly string[],
  plantId: string,
): Promise<{ item_id: string; uom: string; quantity: string }[]> {
  if (itemIds.length === 0) return [];
  return db
    .selectFrom('batch as b')
    .innerJoin('lot_view as l', 'l.lot_id', 'b.lot_id')
    .select((eb) => [
      eb.ref('l.item_id').$notNull().as('item_id'),
      'b.stock_uom as uom',
      eb.fn.sum<string>('b.stock_quantity').as('quantity'),
    ])
    .where('l.item_id', 'in', itemIds)
    .where('b.plant_id', '=', plantId)
    .groupBy(['l.item_id', 'b.stock_uom'])
    .execute();
}
