import { DateScalar, DateTimeScalar, DecimalScalar } from '@plantgraph/platform';
import type { Resolvers } from '../__generated__/resolvers-types.ts';
import { Lot } from './lot.ts';
import {
  LinkedConsumption,
  LotConsumption,
  Mutation,
  OperationReport,
  ProductionCompletion,
} from './mutation.ts';
import { Operation } from './operation.ts';
import { Order } from './order.ts';
import { Query } from './query.ts';
import { Subscription } from './subscription.ts';
import {
  AuditHistory,
  AuditQuery,
  AuditTrail,
  SubgraphAuditHistory,
  SubgraphAuditTrail,
} from './audit-trail.ts';
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
  Query: { ...Query, ...EventBackboneQuery, ...AuditQuery },
  Order,
  Operation,
  Lot,
  Mutation: { ...Mutation, ...EventBackboneMutation },
  OperationReport,
  LotConsumption,
  ProductionCompletion,
  LinkedConsumption,
  Subscription,
  AuditTrail,
  AuditHistory,
  SubgraphAuditTrail,
  SubgraphAuditHistory,
  EventBackbone,
  CorrelationTrail,
  SubgraphEventBackbone,
  SubgraphEventTrail,
};
