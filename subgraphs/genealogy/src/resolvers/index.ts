import { DateScalar, DateTimeScalar, DecimalScalar } from '@plantgraph/platform';
import type { Resolvers } from '../__generated__/resolvers-types.ts';
import {
  BomLineConsumption,
  GenealogyCompletenessReport,
  GenealogyGap,
  OrderGenealogyCompleteness,
} from './completeness.ts';
import { Item } from './item.ts';
import { Lot, LotLink } from './lot.ts';
import { Order } from './order.ts';
import { Query } from './query.ts';
import { RecallFinishedGoods, RecallImpact } from './recall.ts';
import {
  CorrelationTrail,
  EventBackbone,
  EventBackboneMutation,
  EventBackboneQuery,
  SubgraphEventBackbone,
  SubgraphEventTrail,
} from './event-backbone.ts';

export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Date: DateScalar,
  Decimal: DecimalScalar,
  Query: { ...Query, ...EventBackboneQuery },
  Item,
  Order,
  Lot,
  LotLink,
  RecallImpact,
  RecallFinishedGoods,
  OrderGenealogyCompleteness,
  BomLineConsumption,
  GenealogyGap,
  GenealogyCompletenessReport,
  Mutation: EventBackboneMutation,
  EventBackbone,
  CorrelationTrail,
  SubgraphEventBackbone,
  SubgraphEventTrail,
};
