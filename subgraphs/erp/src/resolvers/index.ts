import { DateScalar, DateTimeScalar, DecimalScalar } from '@plantgraph/platform';
import type { Resolvers } from '../__generated__/resolvers-types.ts';
import { Bom, BomLine, Item, ItemRevision, Routing } from './item.ts';
import { Lot } from './lot.ts';
import { Plant, Supplier } from './master-data.ts';
import {
  ComponentAvailability,
  ExecutionComponent,
  ExecutionInspectionPoint,
  Mutation,
  OrderReleaseAcknowledgment,
  OrderStatusChange,
} from './mutation.ts';
import { GoodsMovement, Order } from './order.ts';
import { Query } from './query.ts';
import { Subscription } from './subscription.ts';
import { RecallCustomer, RecallFinishedGoods, RecallImpact } from './recall.ts';
import { Customer, Shipment, ShipmentLine } from './shipment.ts';
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
  Plant,
  Supplier,
  Item,
  ItemRevision,
  Bom,
  BomLine,
  Routing,
  Order,
  GoodsMovement,
  Lot,
  Customer,
  Shipment,
  ShipmentLine,
  RecallImpact,
  RecallFinishedGoods,
  RecallCustomer,
  Mutation: { ...Mutation, ...EventBackboneMutation },
  OrderReleaseAcknowledgment,
  OrderStatusChange,
  ExecutionComponent,
  ComponentAvailability,
  ExecutionInspectionPoint,
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
