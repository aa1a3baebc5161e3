import { DateScalar, DateTimeScalar, DecimalScalar } from '@plantgraph/platform';
import type { Resolvers } from '../__generated__/resolvers-types.ts';
import { Bom, BomLine, Item, ItemRevision, Routing } from './item.ts';
import { Lot } from './lot.ts';
import { Plant, Supplier } from './master-data.ts';
import { Order } from './order.ts';
import { Query } from './query.ts';

export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Date: DateScalar,
  Decimal: DecimalScalar,
  Query,
  Plant,
  Supplier,
  Item,
  ItemRevision,
  Bom,
  BomLine,
  Routing,
  Order,
  Lot,
};
