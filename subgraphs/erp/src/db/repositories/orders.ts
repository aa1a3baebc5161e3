import type { ErpDb } from '../erp-db.ts';
import type { ProductionOrderRow } from '../tables/production-order.ts';

export function findOrdersByIds(db: ErpDb, ids: readonly string[]): Promise<ProductionOrderRow[]> {
  return db.selectFrom('production_order').selectAll().where('id', 'in', ids).execute();
}

export function findOrdersByNumbers(
  db: ErpDb,
  numbers: readonly string[],
): Promise<ProductionOrderRow[]> {
  return db.selectFrom('production_order').selectAll().where('number', 'in', numbers).execute();
}

export interface OrderFilter {
  readonly status: ProductionOrderRow['status'] | null;
  readonly plantId: string | null;
  readonly itemId: string | null;
}

/** Orders ordered by number, after `afterNumber`, at most `limit` rows. */
export function listOrders(
  db: ErpDb,
  filter: OrderFilter,
  afterNumber: string | null,
  limit: number,
): Promise<ProductionOrderRow[]> {
  let query = db.selectFrom('production_order').selectAll().orderBy('number').limit(limit);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.plantId) query = query.where('plant_id', '=', filter.plantId);
  if (filter.itemId) query = query.where('item_id', '=', filter.itemId);
  if (afterNumber !== null) query = query.where('number', '>', afterNumber);
  return query.execute();
}
