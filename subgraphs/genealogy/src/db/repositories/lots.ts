import type { GenealogyDb } from '../genealogy-db.ts';
import type { LotRow } from '../tables/lot.ts';

export function findLotsByIds(db: GenealogyDb, ids: readonly string[]): Promise<LotRow[]> {
  return db.selectFrom('lot').selectAll().where('id', 'in', ids).execute();
}

export function findLotsByNumbers(db: GenealogyDb, numbers: readonly string[]): Promise<LotRow[]> {
  return db.selectFrom('lot').selectAll().where('number', 'in', numbers).execute();
}

export interface LotFilter {
  readonly itemId: string | null;
  readonly plantId: string | null;
  readonly origin: LotRow['origin'] | null;
  /** Created at or after this instant. */
  readonly createdFrom: Date | null;
  /** Created before this instant. */
  readonly createdBefore: Date | null;
}

/** Lots ordered by number, after `afterNumber`, at most `limit` rows. */
export function listLots(
  db: GenealogyDb,
  filter: LotFilter,
  afterNumber: string | null,
  limit: number,
): Promise<LotRow[]> {
  let query = db.selectFrom('lot').selectAll().orderBy('number').limit(limit);
  if (filter.itemId) query = query.where('item_id', '=', filter.itemId);
  if (filter.plantId) query = query.where('plant_id', '=', filter.plantId);
  if (filter.origin) query = query.where('origin', '=', filter.origin);
  if (filter.createdFrom) query = query.where('created_at', '>=', filter.createdFrom);
  if (filter.createdBefore) query = query.where('created_at', '<', filter.createdBefore);
  if (afterNumber !== null) query = query.where('number', '>', afterNumber);
  return query.execute();
}

/**
 * For each item, its first `limit` lots by number after `afterNumber`, in one query: a window
 * numbers each item's lots so one statement pages every item at once. Ordered by item, number.
 */
export function findLotPagesOfItems(
  db: GenealogyDb,
  itemIds: readonly string[],
  afterNumber: string | null,
  limit: number,
): Promise<LotRow[]> {
  return db
    .selectFrom((eb) => {
      let inner = eb
        .selectFrom('lot')
        .selectAll()
        .select((sub) =>
          sub.fn
            .agg<number>('row_number')
            .over((over) => over.partitionBy('item_id').orderBy('number'))
            .as('position'),
        )
        .where('item_id', 'in', itemIds);
      if (afterNumber !== null) inner = inner.where('number', '>', afterNumber);
      return inner.as('ranked');
    })
    .selectAll()
    .where('position', '<=', limit)
    .orderBy('item_id')
    .orderBy('number')
    .execute();
}

/** The lots the given orders produced, ordered by order, then number. */
export function findLotsOfOrders(
  db: GenealogyDb,
  orderIds: readonly string[],
): Promise<(LotRow & { order_id: string })[]> {
  return db
    .selectFrom('lot')
    .selectAll()
    .where('order_id', 'in', orderIds)
    .$narrowType<{ order_id: string }>()
    .orderBy('order_id')
    .orderBy('number')
    .execute();
}

/** The orders that made lots at `plantId` created in [`from`, `to`), by id. */
export async function findOrdersMakingLotsAt(
  db: GenealogyDb,
  plantId: string,
  from: Date,
  to: Date,
): Promise<string[]> {
  const rows = await db
    .selectFrom('lot')
    .select('order_id')
    .distinct()
    .where('plant_id', '=', plantId)
    .where('created_at', '>=', from)
    .where('created_at', '<', to)
    .where('order_id', 'is not', null)
    .$narrowType<{ order_id: string }>()
    .orderBy('order_id')
    .execute();
  return rows.map((row) => row.order_id);
}

/** What the given orders produced, summed per order and unit, with the lot count. */
export function sumProductionOfOrders(
  db: GenealogyDb,
  orderIds: readonly string[],
): Promise<{ order_id: string; uom: string; quantity: string; lots: number }[]> {
  return db
    .selectFrom('lot')
    .select((eb) => [
      'order_id',
      'uom',
      eb.fn.sum<string>('quantity').as('quantity'),
      eb.fn.countAll<number>().as('lots'),
    ])
    .where('order_id', 'in', orderIds)
    .$narrowType<{ order_id: string }>()
    .groupBy(['order_id', 'uom'])
    .orderBy('order_id')
    .orderBy('uom')
    .execute();
}
