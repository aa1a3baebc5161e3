import { DateScalar, DateTimeScalar, DecimalScalar } from '@plantgraph/platform';
import type { Resolvers } from '../__generated__/resolvers-types.ts';
import { Lot } from './lot.ts';
import { Operation } from './operation.ts';
import { Order } from './order.ts';
import { Query } from './query.ts';

export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Date: DateScalar,
  Decimal: DecimalScalar,
  Query,
  Order,
  Operation,
  Lot,
};
