import { DateScalar, DateTimeScalar, DecimalScalar } from '@plantgraph/platform';
import type { Resolvers } from '../__generated__/resolvers-types.ts';
import { Inspection, InspectionPlan, Nonconformance } from './inspection.ts';
import { Item } from './item.ts';
import { Lot } from './lot.ts';
import { Order } from './order.ts';
import { Query } from './query.ts';

export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Date: DateScalar,
  Decimal: DecimalScalar,
  Query,
  Lot,
  Item,
  Order,
  Inspection,
  InspectionPlan,
  Nonconformance,
};
