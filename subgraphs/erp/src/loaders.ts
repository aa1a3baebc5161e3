import { loaderByKey, loaderOfMany } from '@plantgraph/platform';
import type { ErpDb } from './db/erp-db.ts';
import { findBatchesByLotIds } from './db/repositories/batches.ts';
import { findBomsByIds, findBomsOfRevisions, findLinesOfBoms } from './db/repositories/boms.ts';
import {
  findConversionsOfItems,
  findItemsByIds,
  findItemsByNumbers,
  findRevisionsByIds,
  findRevisionsOfItems,
} from './db/repositories/items.ts';
import { findMovementsOfOrders } from './db/repositories/goods-movements.ts';
import { findOrdersByIds, findOrdersByNumbers } from './db/repositories/orders.ts';
import { findPlantsByIds } from './db/repositories/plants.ts';
import {
  findRoutingsByIds,
  findRoutingsOfRevisions,
  findStepsOfRoutings,
} from './db/repositories/routings.ts';
import { findSuppliersByIds } from './db/repositories/suppliers.ts';
import { rowToBatch } from './domain/batch.ts';
import { rowToBom, rowToBomLine } from './domain/bom.ts';
import { rowToGoodsMovement } from './domain/goods-movement.ts';
import { rowToItemRevision } from './domain/item-revision.ts';
import { rowToItem } from './domain/item.ts';
import { rowToOrder } from './domain/order.ts';
import { rowToPlant } from './domain/plant.ts';
import { rowToRouting, rowToRoutingStep } from './domain/routing.ts';
import { rowToSupplier } from './domain/supplier.ts';
import { createShipmentLoaders } from './shipment-loaders.ts';

/** Per-request loaders: one query per batch for every lookup by key. */
export function createErpLoaders(db: ErpDb) {
  return {
    ...createShipmentLoaders(db),
    plant: loaderByKey(
      async (ids) => (await findPlantsByIds(db, ids)).map(rowToPlant),
      (p) => p.id,
    ),
    supplier: loaderByKey(
      async (ids) => (await findSuppliersByIds(db, ids)).map(rowToSupplier),
      (s) => s.id,
    ),
    item: loaderByKey(
      async (ids) => (await findItemsByIds(db, ids)).map(rowToItem),
      (i) => i.id,
    ),
    itemByNumber: loaderByKey(
      async (numbers) => (await findItemsByNumbers(db, numbers)).map(rowToItem),
      (i) => i.number,
    ),
    revision: loaderByKey(
      async (ids) => (await findRevisionsByIds(db, ids)).map(rowToItemRevision),
      (r) => r.id,
    ),
    revisionsOfItem: loaderOfMany(
      async (itemIds) => (await findRevisionsOfItems(db, itemIds)).map(rowToItemRevision),
      (r) => r.itemId,
    ),
    conversionsOfItem: loaderOfMany(
      async (itemIds) => findConversionsOfItems(db, itemIds),
      (c) => c.item_id,
    ),
    bom: loaderByKey(
      async (ids) => (await findBomsByIds(db, ids)).map(rowToBom),
      (b) => b.id,
    ),
    bomOfRevision: loaderByKey(
      async (revisionIds) => (await findBomsOfRevisions(db, revisionIds)).map(rowToBom),
      (b) => b.itemRevisionId,
    ),
    bomLines: loaderOfMany(
      async (bomIds) => (await findLinesOfBoms(db, bomIds)).map(rowToBomLine),
      (l) => l.bomId,
    ),
    routing: loaderByKey(
      async (ids) => (await findRoutingsByIds(db, ids)).map(rowToRouting),
      (r) => r.id,
    ),
    routingOfRevision: loaderByKey(
      async (revisionIds) => (await findRoutingsOfRevisions(db, revisionIds)).map(rowToRouting),
      (r) => r.itemRevisionId,
    ),
    routingSteps: loaderOfMany(
      async (routingIds) => (await findStepsOfRoutings(db, routingIds)).map(rowToRoutingStep),
      (s) => s.routingId,
    ),
    order: loaderByKey(
      async (ids) => (await findOrdersByIds(db, ids)).map(rowToOrder),
      (o) => o.id,
    ),
    orderByNumber: loaderByKey(
      async (numbers) => (await findOrdersByNumbers(db, numbers)).map(rowToOrder),
      (o) => o.number,
    ),
    movementsOfOrder: loaderOfMany(
      async (orderIds) => (await findMovementsOfOrders(db, orderIds)).map(rowToGoodsMovement),
      (m) => m.orderId,
    ),
    batch: loaderByKey(
      async (lotIds) => (await findBatchesByLotIds(db, lotIds)).map(rowToBatch),
      (b) => b.lotId,
    ),
  };
}

export type ErpLoaders = ReturnType<typeof createErpLoaders>;
