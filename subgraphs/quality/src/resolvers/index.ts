import { DateScalar, DateTimeScalar, DecimalScalar } from '@plantgraph/platform';
import type { Resolvers } from '../__generated__/resolvers-types.ts';
import { Inspection, InspectionPlan, Nonconformance } from './inspection.ts';
import { Item } from './item.ts';
import { Lot } from './lot.ts';
import {
  InspectionOutcome,
  InspectionPlanChange,
  LotDecision,
  Mutation,
  NonconformanceDecision,
} from './mutation.ts';
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
  Lot,
  Item,
  Order,
  Inspection,
  InspectionPlan,
  Nonconformance,
  Mutation: { ...Mutation, ...EventBackboneMutation },
  InspectionOutcome,
  InspectionPlanChange,
  LotDecision,
  NonconformanceDecision,
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
