import { DateScalar, DateTimeScalar, DecimalScalar } from '@plantgraph/platform';
import type { Resolvers } from '../__generated__/resolvers-types.ts';
import { Item } from './item.ts';
import { Lot, LotLink } from './lot.ts';
import { Order } from './order.ts';
import { Query } from './query.ts';

export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Date: DateScalar,
  Decimal: DecimalScalar,
  Query,
  Item,
  Order,
  Lot,
  LotLink,
};
