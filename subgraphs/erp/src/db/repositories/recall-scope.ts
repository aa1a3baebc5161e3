import type { ErpDb } from '../erp-db.ts';
import type { BatchRow } from '../tables/batch.ts';
import type { ItemRow } from '../tables/item.ts';

/** The batches received under the given supplier lot numbers. */
export function findBatchesBySupplierLots(
  db: ErpDb,
  supplierLotNumbers: readonly string[],
): Promise<BatchRow[]> {
  return db
    .selectFrom('batch')
    .selectAll()
    .where('supplier_lot_number', 'in', supplierLotNumbers)
    .orderBy('lot_id')
    .execute();
}

/** Batches received under one supplier lot number, by lot id, after `afterLotId`. */
export function listBatchesBySupplierLot(
  db: ErpDb,
  supplierLotNumber: string,
  afterLotId: string | null,
  limit: number,
): Promise<BatchRow[]> {
  let query = db
    .selectFrom('batch')
    .selectAll()
    .where('supplier_lot_number', '=', supplierLotNumber)
    .orderBy('lot_id')
    .limit(limit);
  if (afterLotId !== null) query = query.where('lot_id', '>', afterLotId);
  return query.execute();
}

/** Every item of one type, by number. */
export function findItemsOfType(db: ErpDb, type: ItemRow['type']): Promise<ItemRow[]> {
  return db.selectFrom('item').selectAll().where('type', '=', type).orderBy('number').execute();
}
