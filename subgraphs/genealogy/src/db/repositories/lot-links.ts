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
