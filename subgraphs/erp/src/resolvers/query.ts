import { pageRequest, toConnection } from '@plantgraph/platform';
import type { QueryResolvers } from '../__generated__/resolvers-types.ts';
import { listItems } from '../db/repositories/items.ts';
import { listOrders } from '../db/repositories/orders.ts';
import { listPlants } from '../db/repositories/plants.ts';
import { listSuppliers } from '../db/repositories/suppliers.ts';
import { rowToItem } from '../domain/item.ts';
import { rowToOrder } from '../domain/order.ts';
import { rowToPlant } from '../domain/plant.ts';
import { rowToSupplier } from '../domain/supplier.ts';
import { shipmentQueries } from './shipment-queries.ts';

export const Query: QueryResolvers = {
  ...shipmentQueries,
  plants: async (_parent, _args, { db }) => (await listPlants(db)).map(rowToPlant),
  plant: (_parent, { id }, { loaders }) => loaders.plant.load(id),
  suppliers: async (_parent, _args, { db }) => (await listSuppliers(db)).map(rowToSupplier),
  supplier: (_parent, { id }, { loaders }) => loaders.supplier.load(id),
  item: (_parent, { id }, { loaders }) => loaders.item.load(id),
  itemByNumber: (_parent, { number }, { loaders }) => loaders.itemByNumber.load(number),
  items: async (_parent, { first, after, type }, { db }) => {
    const page = pageRequest(first, after);
    const rows = await listItems(db, { type: type ?? null }, page.after, page.limit + 1);
    return toConnection(rows.map(rowToItem), page, (item) => item.number);
  },
  order: (_parent, { id }, { loaders }) => loaders.order.load(id),
  orderByNumber: (_parent, { number }, { loaders }) => loaders.orderByNumber.load(number),
  orders: async (_parent, { first, after, status, plantId, itemId }, { db }) => {
    const page = pageRequest(first, after);
    const filter = { status: status ?? null, plantId: plantId ?? null, itemId: itemId ?? null };
    const rows = await listOrders(db, filter, page.after, page.limit + 1);
    return toConnection(rows.map(rowToOrder), page, (order) => order.number);
  },
};
