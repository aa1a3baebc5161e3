import type { GenealogyDb } from '../genealogy-db.ts';
import type { LotLinkRow } from '../tables/lot-link.ts';

/** Links into the given (child) lots: where their inputs came from. Oldest first per lot. */
export function findLinksByChildLotIds(
  db: GenealogyDb,
  childLotIds: readonly string[],
): Promise<LotLinkRow[]> {
  return db
    .selectFrom('lot_link')
    .selectAll()
    .where('child_lot_id', 'in', childLotIds)
    .orderBy('child_lot_id')
    .orderBy('linked_at')
    .orderBy('id')
    .execute();
}

/** Links out of the given (parent) lots: what they went into. Oldest first per lot. */
export function findLinksByParentLotIds(
  db: GenealogyDb,
  parentLotIds: readonly string[],
): Promise<LotLinkRow[]> {
  return db
    .selectFrom('lot_link')
    .selectAll()
    .where('parent_lot_id', 'in', parentLotIds)
    .orderBy('parent_lot_id')
    .orderBy('linked_at')
    .orderBy('id')
    .execute();
}

/** Links recorded against the given orders (the consumptions of each). Oldest first per order. */
export function findLinksByOrderIds(
  db: GenealogyDb,
  orderIds: readonly string[],
): Promise<(LotLinkRow & { order_id: string })[]> {
  return db
    .selectFrom('lot_link')
    .selectAll()
    .where('order_id', 'in', orderIds)
    .$narrowType<{ order_id: string }>()
    .orderBy('order_id')
    .orderBy('linked_at')
    .orderBy('id')
    .execute();
}

/**
 * What the given orders consumed: their links with the item of each input lot, oldest first per
 * order (the completeness checks compare them with the BOM by item).
 */
export function findConsumptionOfOrders(
  db: GenealogyDb,
  orderIds: readonly string[],
): Promise<(LotLinkRow & { order_id: string; parent_item_id: string })[]> {
  return db
    .selectFrom('lot_link as k')
    .innerJoin('lot as p', 'p.id', 'k.parent_lot_id')
    .selectAll('k')
    .select('p.item_id as parent_item_id')
    .where('k.order_id', 'in', orderIds)
    .$narrowType<{ order_id: string }>()
    .orderBy('k.order_id')
    .orderBy('k.linked_at')
    .orderBy('k.id')
    .execute();
}

/** What the given orders consumed, summed per order, input item and unit, with the link count. */
export function sumConsumptionOfOrders(
  db: GenealogyDb,
  orderIds: readonly string[],
): Promise<{ order_id: string; item_id: string; uom: string; quantity: string; links: number }[]> {
  return db
    .selectFrom('lot_link as k')
    .innerJoin('lot as p', 'p.id', 'k.parent_lot_id')
    .select((eb) => [
      'k.order_id',
      'p.item_id',
      'k.uom',
      eb.fn.sum<string>('k.quantity').as('quantity'),
      eb.fn.countAll<number>().as('links'),
    ])
    .where('k.order_id', 'in', orderIds)
    .$narrowType<{ order_id: string }>()
    .groupBy(['k.order_id', 'p.item_id', 'k.uom'])
    .orderBy('k.order_id')
    .orderBy('p.item_id')
    .execute();
}
