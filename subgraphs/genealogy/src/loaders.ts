import type DataLoader from 'dataloader';
import { loaderByKey, loaderOfMany, type PageRequest } from '@plantgraph/platform';
import type { GenealogyDb } from './db/genealogy-db.ts';
import {
  findConsumptionOfOrders,
  findLinksByChildLotIds,
  findLinksByOrderIds,
  findLinksByParentLotIds,
  sumConsumptionOfOrders,
} from './db/repositories/lot-links.ts';
import {
  findLotPagesOfItems,
  findLotsByIds,
  findLotsByNumbers,
  findLotsOfOrders,
  sumProductionOfOrders,
} from './db/repositories/lots.ts';
import { rowToLotLink } from './domain/lot-link.ts';
import { rowToLot, type Lot } from './domain/lot.ts';

/** Per-request loaders: one query per batch for every lookup by key. */
export function createGenealogyLoaders(db: GenealogyDb) {
  const lotPagesByShape = new Map<string, DataLoader<string, Lot[]>>();

  return {
    lot: loaderByKey(
      async (ids) => (await findLotsByIds(db, ids)).map(rowToLot),
      (l) => l.id,
    ),
    lotByNumber: loaderByKey(
      async (numbers) => (await findLotsByNumbers(db, numbers)).map(rowToLot),
      (l) => l.number,
    ),
    /** Links into a lot (its inputs), oldest first. */
    parentLinks: loaderOfMany(
      async (lotIds) => (await findLinksByChildLotIds(db, lotIds)).map(rowToLotLink),
      (link) => link.childLotId,
    ),
    /** Links out of a lot (what it went into), oldest first. */
    childLinks: loaderOfMany(
      async (lotIds) => (await findLinksByParentLotIds(db, lotIds)).map(rowToLotLink),
      (link) => link.parentLotId,
    ),
    lotsOfOrder: loaderOfMany(
      async (orderIds) => (await findLotsOfOrders(db, orderIds)).map(rowToLot),
      (lot) => lot.orderId,
    ),
    linksOfOrder: loaderOfMany(
      async (orderIds) => (await findLinksByOrderIds(db, orderIds)).map(rowToLotLink),
      (link) => link.orderId,
    ),
    /** What an order produced, summed per unit. */
    productionOfOrder: loaderOfMany(
      async (orderIds) =>
        (await sumProductionOfOrders(db, orderIds)).map((row) => ({
          orderId: row.order_id,
          quantity: { value: row.quantity, uom: row.uom },
          lots: Number(row.lots),
        })),
      (total) => total.orderId,
    ),
    /** What an order consumed, summed per input item and unit. */
    consumptionTotalsOfOrder: loaderOfMany(
      async (orderIds) =>
        (await sumConsumptionOfOrders(db, orderIds)).map((row) => ({
          orderId: row.order_id,
          componentId: row.item_id,
          quantity: { value: row.quantity, uom: row.uom },
          links: Number(row.links),
        })),
      (total) => total.orderId,
    ),
    /** What an order consumed, each link with the item of the lot that went in. */
    consumptionOfOrder: loaderOfMany(
      async (orderIds) =>
        (await findConsumptionOfOrders(db, orderIds)).map((row) => ({
          orderId: row.order_id,
          componentId: row.parent_item_id,
          link: rowToLotLink(row),
        })),
      (record) => record.orderId,
    ),
    /**
     * The loader of one page shape (`first`/`after`): every item asking for the same page is
     * answered by one query. It fetches one row more than the page so the caller can tell
     * whether a next page exists.
     */
    lotPageOfItem(page: PageRequest): DataLoader<string, Lot[]> {
      const shape = JSON.stringify([page.limit, page.after]);
      let loader = lotPagesByShape.get(shape);
      if (loader === undefined) {
        loader = loaderOfMany(
          async (itemIds) =>
            (await findLotPagesOfItems(db, itemIds, page.after, page.limit + 1)).map(rowToLot),
          (lot) => lot.itemId,
        );
        lotPagesByShape.set(shape, loader);
      }
      return loader;
    },
  };
}

export type GenealogyLoaders = ReturnType<typeof createGenealogyLoaders>;
